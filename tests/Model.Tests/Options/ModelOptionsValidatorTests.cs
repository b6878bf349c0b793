using Streaming.Model.Options;

namespace Streaming.Model.Tests.Options;

public sealed class ModelOptionsValidatorTests
{
    private readonly ModelOptionsValidator _validator = new();

    [Fact]
    public void Defaults_pass()
    {
        Assert.True(_validator.Validate(null, new ModelOptions()).Succeeded);
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
        { "Model:MaxScaledInput", o => o.MaxScaledInput = 0.5 },
        { "Model:MaxScaledInput", o => o.MaxScaledInput = double.PositiveInfinity },
        { "Model:RollbackLossFactor", o => o.RollbackLossFactor = 1 },
        { "Model:RollbackLossFactor", o => o.RollbackLossFactor = -3 },
        { "Model:RollbackLossFactor", o => o.RollbackLossFactor = double.NaN },
        { "Model:RollbackSnapshotSteps", o => o.RollbackSnapshotSteps = 0 },
        { "Model:Mode", o => o.Mode = (ForecastMode)7 },
        { "Model:Mode", o => (o.Mode, o.Layers) = (ForecastMode.Streaming, 2) },
        { "Model:Mode", o => (o.Mode, o.Bidirectional) = (ForecastMode.Streaming, true) },
        { "Model:Mode", o => (o.Mode, o.Pooling) = (ForecastMode.Streaming, Streaming.Model.Architecture.PoolingKind.Attention) },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_value_names_key_and_fix(string key, Action<ModelOptions> corrupt)
    {
        var options = new ModelOptions();
        corrupt(options);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        string message = Assert.Single(result.Failures!);
        Assert.Contains(key + " = ", message, StringComparison.Ordinal);
        Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(), message, StringComparison.Ordinal);
        Assert.Contains("config/appsettings.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_size_message_matches_documented_form()
    {
        var result = _validator.Validate(null, new ModelOptions { WindowSize = 1 });

        Assert.Equal(
            "Model:WindowSize = 1 is invalid: it must be between 2 and 1000. Set Model:WindowSize (default 10) in config/appsettings.json, or MODEL__WINDOWSIZE in the environment.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void Boundary_values_pass()
    {
        var options = new ModelOptions
        {
            WindowSize = 2,
            HiddenSize = 1024,
            LearningRate = 1,
            TrainBatchSize = 4096,
            TrainSamplesPerPoint = 0,
            ReplayCapacity = 0,
            GradientClipNorm = 0,
        };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Architecture_and_checkpoint_settings_are_checked_with_their_keys()
    {
        var options = new ModelOptions
        {
            Layers = 0,
            Dropout = 1,
            HuberDelta = 0,
            AdamEpsilon = 0,
            Pooling = (Streaming.Model.Architecture.PoolingKind)7,
            Checkpoint = "/nonexistent/model.ckpt",
        };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Model:Layers = 0 is invalid: it must be between 1 and 16.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model:Dropout = 1 is invalid: it must be at least 0 and below 1.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model:HuberDelta = 0 is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model:AdamEpsilon = 0 is invalid", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model:Pooling = 7 is invalid: it must be one of Last, Attention.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Model:Checkpoint = /nonexistent/model.ckpt is invalid: no such file", StringComparison.Ordinal));
    }
}
