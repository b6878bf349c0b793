using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Model.Scoring;

/// <summary>
/// Rejects <see cref="ScoringOptions"/> that would make scoring meaningless, with messages that name the full
/// configuration key, the rule, and where to fix it.
/// </summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new ScoringOptions();
        var failures = new List<string>();

        Check(failures, nameof(ScoringOptions.WarmupPoints), options.WarmupPoints, defaults.WarmupPoints,
            options.WarmupPoints >= 0, "it must be ≥ 0");
        Check(failures, nameof(ScoringOptions.ShortWindow), options.ShortWindow, defaults.ShortWindow,
            options.ShortWindow is >= 1 and <= ScoringOptions.MaxShortWindow,
            $"it must be in [1, {ScoringOptions.MaxShortWindow}]");
        Check(failures, nameof(ScoringOptions.LongWindow), options.LongWindow, defaults.LongWindow,
            options.LongWindow >= 2 && options.LongWindow > options.ShortWindow,
            "it must be ≥ 2 and greater than Scoring:ShortWindow");
        Check(failures, nameof(ScoringOptions.Threshold), options.Threshold, defaults.Threshold,
            options.Threshold is > 0 and < 1, "it must be in (0, 1)");
        Check(failures, nameof(ScoringOptions.MinStd), options.MinStd, defaults.MinStd,
            double.IsFinite(options.MinStd) && options.MinStd > 0, "it must be a finite number > 0");
        Check(failures, nameof(ScoringOptions.FlatlinePoints), options.FlatlinePoints, defaults.FlatlinePoints,
            options.FlatlinePoints is 0 or (>= 2 and <= 100_000), "it must be 0 (off) or between 2 and 100000");
        Check(failures, nameof(ScoringOptions.RangeTolerance), options.RangeTolerance, defaults.RangeTolerance,
            double.IsFinite(options.RangeTolerance) && options.RangeTolerance >= 0, "it must be a finite number ≥ 0");
        Check(failures, nameof(ScoringOptions.ContextLevels), options.ContextLevels, defaults.ContextLevels,
            options.ContextLevels is >= 1 and <= 64, "it must be between 1 and 64");
        Check(failures, nameof(ScoringOptions.ContextLength), options.ContextLength, defaults.ContextLength,
            options.ContextLength is >= 0 and <= 8, "it must be between 0 (off) and 8");
        Check(failures, nameof(ScoringOptions.HourOfDayDays), options.HourOfDayDays, defaults.HourOfDayDays,
            options.HourOfDayDays is >= 0 and <= 366, "it must be between 0 (off) and 366");
        Check(failures, nameof(ScoringOptions.LevelDays), options.LevelDays, defaults.LevelDays,
            options.LevelDays is >= 0 and <= ScoringOptions.MaxLevelDays, $"it must be between 0 (off) and {ScoringOptions.MaxLevelDays}");
        Check(failures, nameof(ScoringOptions.CooldownPoints), options.CooldownPoints, defaults.CooldownPoints,
            options.CooldownPoints >= 0, "it must be ≥ 0");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check<T>(List<string> failures, string property, T value, T defaultValue, bool valid, string rule)
        where T : IFormattable
    {
        if (valid)
        {
            return;
        }

        failures.Add(OptionMessages.Invalid($"{ScoringOptions.Section}:{property}", value, rule, defaultValue));
    }
}
