namespace Streaming.Model.Scoring;

/// <summary>Result of scoring one residual.</summary>
/// <param name="Score">In [0, 1]: how unusual the point is, the larger of its residual surprise and its novelty (1 when out of range or stuck); never NaN.</param>
/// <param name="ZScore">Standard deviations (floored at MinStd) of the short-term mean residual away from its long-term mean, after the
/// day-ago excuse; the day-ago residual's when the day-ago signal is what scored (see <see cref="ResidualScorer"/>); finite.</param>
/// <param name="IsAnomaly">True when flagged: past warm-up, Score ≥ Threshold and not in cooldown.</param>
/// <param name="Severity">Band of <paramref name="ZScore"/> when flagged; <see cref="AnomalySeverity.None"/> otherwise.</param>
public readonly record struct AnomalyScore(double Score, double ZScore, bool IsAnomaly, AnomalySeverity Severity)
{
    /// <summary>The signals <see cref="Score"/> is the largest of, before the cooldown.</summary>
    public ScoreParts Parts { get; init; }

    /// <summary>The residual's miss |m − μ| in the residual's unit (z is this over the std), before any excuse.</summary>
    public double Miss { get; init; }

    /// <summary>
    /// The residuals (value − prediction) at which the residual signal alone reaches the alert threshold, below and
    /// above: the expected range is prediction + this band. NaN while warming up.
    /// </summary>
    public (double Low, double High) ResidualBand { get; init; } = (double.NaN, double.NaN);
}
