using Streaming.Model.Forecasting;
using Streaming.Model.Scoring;
using Streaming.Model.Series;

namespace Streaming.Model.Detection;

/// <summary>Everything the detector keeps per series: its scaled rolling window, its residual statistics, its novelty, hour-of-day and flat-line watches.</summary>
public sealed class SeriesState(SeriesWindow window, ResidualScorer scorer, FlatlineDetector flatline, NoveltyDetector novelty, RecentRange recentRange)
{
    /// <summary>The range of the series' recent values: caps the scale of the residual noise floor on a trend.</summary>
    public RecentRange RecentRange { get; } = recentRange;

    /// <summary>The series' rolling window and scaler.</summary>
    public SeriesWindow Window { get; } = window;

    /// <summary>The series' residual statistics and warm-up progress.</summary>
    public ResidualScorer Scorer { get; } = scorer;

    /// <summary>Notices when the series gets stuck on one value.</summary>
    public FlatlineDetector Flatline { get; } = flatline;

    /// <summary>Notices values out of the range seen so far and sequences never seen before.</summary>
    public NoveltyDetector Novelty { get; } = novelty;

    /// <summary>What the series did at each hour of the last days (excuses a new context usual for the time of day, and
    /// gives the day-ago opinion); null when <c>Scoring:HourOfDayDays</c> is 0 and <c>Scoring:DayAgoOpinion</c> false.</summary>
    public HourOfDayProfile? HourOfDay { get; init; }

    /// <summary>The range the series held over its last days, that a value's level is judged against; null when
    /// <c>Scoring:LevelDays</c> is 0.</summary>
    public LevelReference? Level { get; init; }

    /// <summary>The misses the series makes again and again (its routine, which the residual signal does not flag);
    /// null when <c>Scoring:RoutineMisses</c> is false.</summary>
    public RoutineMisses? Routine { get; init; }

    /// <summary>
    /// Timestamp of the newest point taken into the window; null before any. A point at this time is a duplicate, an
    /// earlier one late: both are predicted only (see <see cref="DetectionEngine"/>).
    /// </summary>
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>The carried GRU state in the streaming mode (<c>Model:Mode</c> Streaming); null in the windowed mode.</summary>
    public StreamingGruSeries? Carry { get; init; }

    // The streaming mode's place of the series in the batch being stepped: the batch's number and the series' next wave.
    internal int StreamBatch { get; set; }

    internal int StreamWave { get; set; }
}
