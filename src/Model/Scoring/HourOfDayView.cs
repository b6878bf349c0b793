namespace Streaming.Model.Scoring;

/// <summary>
/// How a value compares with its UTC hour on earlier days (<see cref="HourOfDayProfile.Observe"/>): whether it lies
/// within the hour's envelope, and the hour's mean on the latest earlier day within <see cref="HourOfDayProfile.MaxDayAgo"/>
/// days (series' units; NaN when there is none).
/// </summary>
public readonly record struct HourOfDayView(bool Usual, double DayAgoMean)
{
    /// <summary>The same hour's mean exactly a week earlier (series' units; NaN when there is none).</summary>
    public double WeekAgoMean { get; init; } = double.NaN;

    /// <summary>
    /// Whether the value lies within the envelope of its hour or of the hour before or after it, on earlier days: a
    /// daily job that runs a little late or early is still the time of day.
    /// </summary>
    public bool UsualWithinAnHour { get; init; }

    /// <summary>Nothing known: not usual, no day-ago mean.</summary>
    public static HourOfDayView None => new(false, double.NaN);
}
