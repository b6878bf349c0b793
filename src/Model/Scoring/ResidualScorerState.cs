namespace Streaming.Model.Scoring;

/// <summary>
/// What a <see cref="ResidualScorer"/> has learnt, as plain numbers (for checkpoints): points scored, the long-term
/// statistics (count, mean, variance, in the residuals' unit), the cooldown's end and the short residual ring, and the
/// day-ago and week-ago residuals' and the values' statistics (null: none seen, or a record from before they existed),
/// the level and week-ago excursions under way, and the scores' own statistics.
/// </summary>
public sealed record ResidualScorerState(
    long PointsScored,
    long StatsCount,
    double Mean,
    double Variance,
    long SuppressThrough,
    double[] Recent,
    int RecentNext,
    int RecentCount)
{
    /// <summary>Statistics of the residuals against the same hour's mean a day earlier; null when none were seen.</summary>
    public ResidualStatisticsState? DayAgo { get; init; }

    /// <summary>Statistics of the residuals against the same hour's mean a week earlier; null when none were seen.</summary>
    public ResidualStatisticsState? WeekAgo { get; init; }

    /// <summary>Statistics of the values themselves (the week-ago opinion's yardstick); null when none were seen.</summary>
    public ResidualStatisticsState? Values { get; init; }

    /// <summary>The deepest level score of the level excursion under way (0: none).</summary>
    public double LevelHeld { get; init; }

    /// <summary>The deepest week-ago score of the week-ago excursion under way (0: none).</summary>
    public double WeekHeld { get; init; }

    /// <summary>Statistics of the scores themselves (the likelihood signal's); null when none were seen.</summary>
    public ResidualStatisticsState? Scores { get; init; }
}
