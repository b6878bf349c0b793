using Streaming.Model.Points;
using Streaming.Model.Scoring;

namespace Streaming.Model.Detection;

/// <summary>
/// The outcome for one input point: its prediction from the window before it (raw units), the residual
/// (value − prediction, raw units) and the anomaly score. <see cref="Predicted"/> and <see cref="Residual"/>
/// are null while the series is <see cref="SeriesPhase.Filling"/>.
/// </summary>
public readonly record struct DetectionResult(SensorPoint Point, SeriesPhase Phase, double? Predicted, double? Residual, AnomalyScore Score)
{
    /// <summary>True when the point is flagged as an anomaly.</summary>
    public bool IsAnomaly => Score.IsAnomaly;

    /// <summary>
    /// The expected range's lower end: the value below which the residual alone would reach the alert threshold
    /// (<see cref="AnomalyScore.ResidualBand"/>); null unless the point is <see cref="SeriesPhase.Live"/>.
    /// </summary>
    public double? Lower => Bound(Score.ResidualBand.Low);

    /// <summary>The expected range's upper end (see <see cref="Lower"/>).</summary>
    public double? Upper => Bound(Score.ResidualBand.High);

    // A duplicate or late point carries a default score, whose band means nothing.
    private double? Bound(double residual) =>
        Phase == SeriesPhase.Live && Predicted is { } predicted && double.IsFinite(residual) && double.IsFinite(predicted + residual)
            ? predicted + residual
            : null;
}
