using Streaming.Model.Options;

namespace Streaming.Model.Tests.Options;

public sealed class ModelOptionsValidatorTests
{
    private readonly ModelOptionsValidator validator = new();

    [Fact]
    public void Defaults_pass()
    {
        Assert.True(validator.Validate(null, new ModelOptions()).Succeeded);
    }

    public static TheoryData<string, Action<ModelOptions>> BadValues => new()
    {
        { "Model:WindowSize", o => o.WindowSize = 1 },
        { "Model:WindowSize", o => o.WindowSize = 1001 },
        { "Model:HiddenSize", o => o.HiddenSize = 0 },
        { "Model:HiddenSize", o => o.HiddenSize = 1025 },
        { "Model:LearningRate", o => o.LearningRate = 0 },
        { "Model:LearningRate", o => o.LearningRate = 1.5 },
        { "Model:LearningRate", o => o.LearningRate = double.NaN },
        { "Model:TrainBatchSize", o => o.TrainBatchSize = 0 },
        { "Model:TrainBatchSize", o => o.TrainBatchSize = 4097 },
        { "Model:TrainSamplesPerPoint", o => o.TrainSamplesPerPoint = -1 },
        { "Model:TrainSamplesPerPoint", o => o.TrainSamplesPerPoint = 2000 },
        { "Model:TrainSamplesPerPoint", o => o.TrainSamplesPerPoint = double.NaN },
        { "Model:ReplayCapacity", o => o.ReplayCapacity = -1 },
        { "Model:ReplayCapacity", o => o.ReplayCapacity = 1_000_001 },
        { "Model:GradientClipNorm", o => o.GradientClipNorm = -0.5 },
        { "Model:GradientClipNorm", o => o.GradientClipNorm = double.PositiveInfinity },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_value_names_key_and_fix(string key, Action<ModelOptions> corrupt)
    {
        var options = new ModelOptions();
        corrupt(options);

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        string message = Assert.Single(result.Failures!);
        Assert.Contains(key + " = ", message, StringComparison.Ordinal);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(), message, StringComparison.Ordinal);
        Assert.Contains("config/appsettings.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_size_message_matches_documented_form()
    {
        var result = validator.Validate(null, new ModelOptions { WindowSize = 1 });

        Assert.Equal(
            "Model:WindowSize = 1 is invalid: it must be between 2 and 1000. Set Model:WindowSize (default 10) in config/appsettings.json, or MODEL__WINDOWSIZE in the environment.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Boundary_values_pass()
    {
        var options = new ModelOptions
        {
            WindowSize = 2, HiddenSize = 1024, LearningRate = 1, TrainBatchSize = 4096,
            TrainSamplesPerPoint = 0, ReplayCapacity = 0, GradientClipNorm = 0,
        };

        Assert.True(validator.Validate(null, options).Succeeded);
    }
}
