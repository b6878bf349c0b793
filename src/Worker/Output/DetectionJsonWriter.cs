using System.Buffers;
using System.Text.Json;
using Streaming.Model.Detection;

namespace Streaming.Worker.Output;

/// <summary>
/// Writes prediction and anomaly messages (<see cref="DetectionJson"/>'s contract) through one reused
/// <see cref="Utf8JsonWriter"/> and buffer, with the field names encoded once: the publish thread serialises every
/// point, and a new writer and growing buffer per message cost as much as the formatting itself. Not thread-safe: one
/// per publishing thread.
/// </summary>
public sealed class DetectionJsonWriter : IDisposable
{
    private static readonly JsonEncodedText Series = JsonEncodedText.Encode("series");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Predicted = JsonEncodedText.Encode("predicted");
    private static readonly JsonEncodedText Residual = JsonEncodedText.Encode("residual");
    private static readonly JsonEncodedText Lower = JsonEncodedText.Encode("lower");
    private static readonly JsonEncodedText Upper = JsonEncodedText.Encode("upper");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText IsAnomaly = JsonEncodedText.Encode("is_anomaly");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Z = JsonEncodedText.Encode("z");

    // A message is ~150-250 bytes; the buffer grows once for an unusually long series id and then stays.
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates the writer and its buffer.</summary>
    public DetectionJsonWriter() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>The message of <paramref name="detection"/> as a new array; <paramref name="includeSeverity"/> adds the anomaly-only fields.</summary>
    public byte[] Serialize(in DetectionResult detection, bool includeSeverity)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        var point = detection.Point;
        _writer.WriteStartObject();
        _writer.WriteString(Series, point.SeriesId);
        _writer.WriteString(Timestamp, point.Timestamp.UtcDateTime);
        _writer.WriteNumber(Value, point.Value);
        WriteNullable(Predicted, detection.Predicted);
        WriteNullable(Residual, detection.Residual);
        WriteNullable(Lower, detection.Lower);
        WriteNullable(Upper, detection.Upper);
        _writer.WriteNumber(Score, Math.Round(detection.Score.Score, 6));
        _writer.WriteBoolean(IsAnomaly, detection.IsAnomaly);
        _writer.WriteString(State, DetectionJson.PhaseName(detection.Phase));
        if (includeSeverity)
        {
            _writer.WriteString(Severity, DetectionJson.SeverityName(detection.Score.Severity));
            _writer.WriteNumber(Z, Math.Round(detection.Score.ZScore, 3));
        }

        _writer.WriteEndObject();
        _writer.Flush();
        // A copy of exactly the message's length: the producer takes whole arrays and keeps them for a retry.
        return _buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteNullable(JsonEncodedText name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            _writer.WriteNumber(name, v);
        }
        else
        {
            _writer.WriteNull(name);
        }
    }
}
