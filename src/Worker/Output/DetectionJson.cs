using Streaming.Model.Detection;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Output;

/// <summary>
/// The JSON of prediction and anomaly messages, written with <see cref="System.Text.Json.Utf8JsonWriter"/> (no reflection on the hot path; see <see cref="DetectionJsonWriter"/>).
/// Field names are the README's message contract; keep the two in step.
/// </summary>
public static class DetectionJson
{
    /// <summary>Serialises one detection; <paramref name="includeSeverity"/> adds the anomaly-only fields.</summary>
    /// <remarks>A writer per call: for occasional use. The publish thread keeps one <see cref="DetectionJsonWriter"/>.</remarks>
    public static byte[] Serialize(in DetectionResult detection, bool includeSeverity)
    {
        using var writer = new DetectionJsonWriter();
        return writer.Serialize(detection, includeSeverity);
    }

    /// <summary>The contract's name of a phase: <c>filling</c>, <c>warming-up</c>, <c>live</c>, <c>duplicate</c> or <c>late</c>.</summary>
    public static string PhaseName(SeriesPhase phase) => phase switch
    {
        SeriesPhase.Filling => "filling",
        SeriesPhase.WarmingUp => "warming-up",
        SeriesPhase.Duplicate => "duplicate",
        SeriesPhase.Late => "late",
        _ => "live",
    };

    /// <summary>The contract's name of a severity: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public static string SeverityName(AnomalySeverity severity) => severity switch
    {
        AnomalySeverity.High => "high",
        AnomalySeverity.Medium => "medium",
        AnomalySeverity.Low => "low",
        _ => "none",
    };
}
