namespace Streaming.Model.Scoring;

/// <summary>
/// Settings of <see cref="ResidualScorer"/>, bound from the "Scoring" section. Counts are in points of one series;
/// <see cref="MinStd"/> is in scaled units (fractions of the series' observed range).
/// </summary>
public sealed class ScoringOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Scoring";

    /// <summary>Largest accepted <see cref="ShortWindow"/>: the short ring is per series, so it must stay tiny.</summary>
    public const int MaxShortWindow = 32;

    /// <summary>Largest accepted <see cref="LevelDays"/>.</summary>
    public const int MaxLevelDays = 366;

    /// <summary>Scored points per series before it may flag (predictions are still published meanwhile).</summary>
    public int WarmupPoints { get; set; } = 150;

    /// <summary>Points in the short-term mean of the signed residual (1 = score each point on its own; 3 lets a sustained miss build up while noise averages out).</summary>
    public int ShortWindow { get; set; } = 3;

    /// <summary>
    /// Effective length, in points, of the exponentially weighted long-term mean/variance of the short-term means
    /// (alpha = 2 / (n + 1)).
    /// </summary>
    public int LongWindow { get; set; } = 1000;

    /// <summary>
    /// A point is flagged when its score (in [0, 1]) is ≥ this. 0.62 is a residual surprise of 16.4 (z ≈ 8.4), a
    /// context that is new at two of three lengths (0.66), a level 0.49 of its last days' range beyond them, or any
    /// out-of-range value. Chosen leave-one-category-out on NAB: the median of the thresholds best on five categories
    /// each (bench/nab-results.md).
    /// </summary>
    public double Threshold { get; set; } = 0.62;

    /// <summary>Floor for the long-term standard deviation, in scaled units (fraction of the series' range).</summary>
    public double MinStd { get; set; } = 0.05;

    /// <summary>
    /// Identical values in a row after which a series that used to vary is flagged as stuck (flat line); 0 turns this off.
    /// </summary>
    public int FlatlinePoints { get; set; } = 10;

    /// <summary>
    /// A value beyond the range seen so far by more than this fraction of that range scores 1 (out of range); 0 makes
    /// any new extreme out of range.
    /// </summary>
    public double RangeTolerance { get; set; } = 0.05;

    /// <summary>Bands the range seen so far is cut into for the context signal (see <see cref="NoveltyDetector"/>).</summary>
    public int ContextLevels { get; set; } = 6;

    /// <summary>Longest sequence of bands looked up for the context signal; 0 turns it off.</summary>
    public int ContextLength { get; set; } = 3;

    /// <summary>
    /// Days an hour of the day is remembered (<see cref="HourOfDayProfile"/>): a new context whose value lies within
    /// what the series did in the same UTC hour, or the hour before or after it, on one of the last this many days is
    /// usual for the time of day and scores 0. 0 turns this off (every new context counts, as without a clock).
    /// </summary>
    public int HourOfDayDays { get; set; } = 7;

    /// <summary>
    /// Weigh each point against the series' mean in the same UTC hour a day earlier (<see cref="DayAgo"/>): a model
    /// miss that yesterday's hour explains is excused, and a value unusual for its hour that is surprising against
    /// yesterday scores as news. false: the model's residual alone (as without a clock).
    /// </summary>
    public bool DayAgoOpinion { get; set; } = true;

    /// <summary>
    /// Weigh each point against the series' mean in the same UTC hour a week earlier (<see cref="WeekAgo"/>), for a
    /// series whose weeks repeat: a day unlike the same day a week earlier (a holiday) is news. false: no week-ago opinion.
    /// </summary>
    public bool WeekAgoOpinion { get; set; } = true;

    /// <summary>
    /// Days of history a value's level is judged against (<see cref="LevelReference"/>): a value beyond the range the
    /// series held over these days (its last hours left out) scores by how far beyond. 0 turns the level signal off.
    /// </summary>
    public int LevelDays { get; set; } = 7;

    /// <summary>
    /// Whether a model miss the series has made again and again is its routine (<see cref="RoutineMisses"/>): a miss no
    /// larger than one it made in three separate stretches of its last 4,000 points (a nightly job, a mode switch nobody
    /// can time) scores 0 in the residual signal; the other signals still count.
    /// </summary>
    public bool RoutineMisses { get; set; } = true;

    /// <summary>
    /// Whether the score is also weighed against the series' own history of scores (HTM's anomaly likelihood; see
    /// <see cref="ResidualScorer"/>): a run of moderately surprising points, none alarming alone, then flags. false:
    /// each point is judged on its own.
    /// </summary>
    public bool ScoreLikelihood { get; set; } = true;

    /// <summary>
    /// After a score reaches the threshold, the series' scores read 0 (and nothing is flagged) for this many points:
    /// one incident, one alarm.
    /// </summary>
    public int CooldownPoints { get; set; } = 20;
}
