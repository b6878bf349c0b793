using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class ScoringOptionsValidatorTests
{
    private static readonly ScoringOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new ScoringOptions()).Succeeded);
    }

    [Fact]
    public void Threshold_message_names_key_default_and_environment_variable()
    {
        var result = Validator.Validate(null, new ScoringOptions { Threshold = 1.5 });
        Assert.True(result.Failed);
        Assert.Equal(
            "Scoring:Threshold = 1.5 is invalid: it must be in (0, 1). Set Scoring:Threshold (default 0.62) in config/appsettings.json, or SCORING__THRESHOLD in the environment.",
            Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("WarmupPoints")]
    [InlineData("ShortWindow")]
    [InlineData("LongWindow")]
    [InlineData("Threshold")]
    [InlineData("MinStd")]
    [InlineData("CooldownPoints")]
    [InlineData("RangeTolerance")]
    [InlineData("ContextLevels")]
    [InlineData("ContextLength")]
    [InlineData("HourOfDayDays")]
    [InlineData("LevelDays")]
    public void Each_invalid_setting_is_reported_with_its_key(string property)
    {
        var options = new ScoringOptions();
        switch (property)
        {
            case "WarmupPoints": options.WarmupPoints = -1; break;
            case "ShortWindow": options.ShortWindow = 0; break;
            case "LongWindow": options.LongWindow = 1; break;
            case "Threshold": options.Threshold = 0; break;
            case "MinStd": options.MinStd = double.NaN; break;
            case "RangeTolerance": options.RangeTolerance = double.PositiveInfinity; break;
            case "ContextLevels": options.ContextLevels = 0; break;
            case "ContextLength": options.ContextLength = 9; break;
            case "HourOfDayDays": options.HourOfDayDays = -1; break;
            case "LevelDays": options.LevelDays = ScoringOptions.MaxLevelDays + 1; break;
            default: options.CooldownPoints = -5; break;
        }

        var result = Validator.Validate(null, options);
        Assert.True(result.Failed);
        string message = Assert.Single(result.Failures!);
        Assert.StartsWith($"Scoring:{property} = ", message);
        Assert.Contains($"SCORING__{property.ToUpperInvariant()}", message);
    }

    [Fact]
    public void Oversized_short_window_and_all_failures_are_listed()
    {
        var result = Validator.Validate(null, new ScoringOptions { ShortWindow = 1000, Threshold = -1, MinStd = 0 });
        Assert.Equal(4, result.Failures!.Count()); // LongWindow must also exceed ShortWindow
        Assert.Contains(result.Failures!, f => f.StartsWith("Scoring:ShortWindow = 1000", StringComparison.Ordinal));
    }

    [Fact]
    public void Scorer_rejects_invalid_options()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResidualScorer(new ScoringOptions { Threshold = 2 }));
        Assert.Contains("Scoring:Threshold", ex.Message);
    }
}
