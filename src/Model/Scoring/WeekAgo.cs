namespace Streaming.Model.Scoring;

/// <summary>
/// A second opinion on a point from the series' own last week (<see cref="HourOfDayProfile"/>): <paramref name="Residual"/>
/// is the value minus the series' mean in the same UTC hour exactly a week earlier, <paramref name="Value"/> the value
/// itself (both series' units).
/// </summary>
/// <remarks>
/// Some series repeat by the week, not the day (demand that falls at weekends): a day unlike the same day a week
/// earlier, such as a holiday, is news even though every step of it was ordinary.
/// </remarks>
public readonly record struct WeekAgo(double Residual, double Value);
