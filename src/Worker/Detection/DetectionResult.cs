using Streaming.Ingest.Points;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Detection;

/// <summary>
/// The outcome for one input point: its prediction from the window before it (raw units), the residual
/// (value − prediction, raw units) and the anomaly score. <see cref="Predicted"/> and <see cref="Residual"/>
/// are null while the series is <see cref="SeriesPhase.Filling"/>.
/// </summary>
public readonly record struct DetectionResult(SensorPoint Point, SeriesPhase Phase, double? Predicted, double? Residual, AnomalyScore Score)
{
    /// <summary>True when the point is flagged as an anomaly.</summary>
    public bool IsAnomaly => Score.IsAnomaly;
}
