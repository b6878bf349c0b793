using System.Buffers;
using System.Text.Json;
using Streaming.Model.Scoring;
using Streaming.Worker.Detection;

namespace Streaming.Worker.Output;

/// <summary>
/// The JSON of prediction and anomaly messages, written with <see cref="Utf8JsonWriter"/> (no reflection on the hot path).
/// Field names are the README's message contract; keep the two in step.
/// </summary>
public static class DetectionJson
{
    /// <summary>Serialises one detection; <paramref name="includeSeverity"/> adds the anomaly-only fields.</summary>
    public static byte[] Serialize(in DetectionResult detection, bool includeSeverity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var point = detection.Point;
            writer.WriteStartObject();
            writer.WriteString("series", point.SeriesId);
            writer.WriteString("timestamp", point.Timestamp.UtcDateTime);
            writer.WriteNumber("value", point.Value);
            WriteNullable(writer, "predicted", detection.Predicted);
            WriteNullable(writer, "residual", detection.Residual);
            writer.WriteNumber("score", Math.Round(detection.Score.Score, 6));
            writer.WriteBoolean("is_anomaly", detection.IsAnomaly);
            writer.WriteString("state", PhaseName(detection.Phase));
            if (includeSeverity)
            {
                writer.WriteString("severity", SeverityName(detection.Score.Severity));
                writer.WriteNumber("z", Math.Round(detection.Score.ZScore, 3));
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
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

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
