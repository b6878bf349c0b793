namespace Streaming.Model.Scoring;

/// <summary>
/// The signals a point's score is the largest of, before the cooldown: the <c>nab</c> harness writes them so other
/// combinations can be replayed offline without running the model again.
/// </summary>
/// <param name="Residual">The residual's surprise score, after the day-ago excuse and the routine excuse (0 when no larger than the hour's usual miss).</param>
/// <param name="Novelty">1 for a new extreme the model did not see coming, otherwise the context novelty.</param>
/// <param name="DayAgo">The day-ago signal (0 while it does not count).</param>
/// <param name="WeekAgo">The week-ago signal (0 while it does not count).</param>
/// <param name="Level">The level signal: how far beyond the series' last days the value lies.</param>
/// <param name="Stuck">The point completes a flat line.</param>
/// <param name="Likelihood">The likelihood signal: how unusual the series' recent scores (the largest of the parts above) are against its history of them.</param>
public readonly record struct ScoreParts(double Residual, double Novelty, double DayAgo, double WeekAgo, double Level, bool Stuck, double Likelihood = 0);
