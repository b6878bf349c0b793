namespace Streaming.Model.Scoring;

/// <summary>
/// A second opinion on a point from the series' own yesterday (<see cref="HourOfDayProfile"/>): <paramref name="Residual"/>
/// is the value minus the series' mean in the same UTC hour on the previous day (series' units), and
/// <paramref name="UsualForHour"/> tells whether the value lies within what that hour did on the days kept.
/// </summary>
/// <remarks>
/// A model without a clock misses a periodic series' daily events every day; the day-ago residual does not, so a miss
/// it explains is excused (<see cref="ResidualScorer.DayAgoExcuse"/>). The other way round, a value unlike its hour on
/// every recent day and surprising against yesterday is news even when the model, following the series closely, did
/// not miss it: a daily cycle that fails to come.
/// </remarks>
public readonly record struct DayAgo(double Residual, bool UsualForHour);
