using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Streaming.Model.Points;

namespace Streaming.Ingest.Decoding;

/// <summary>
/// Decodes one Kafka message into a <see cref="SensorPoint"/> without throwing, whatever the bytes.
/// </summary>
/// <remarks>
/// <para>Value: a JSON object <c>{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3}</c>.
/// "series" may be omitted when the key carries it; if both are present they must match, because all points of a
/// series must share a key to share a partition (and so be processed in order).
/// "timestamp" is an ISO-8601 string (no offset means UTC) or Unix epoch milliseconds (integer or fractional, years
/// 1970..9999); when absent the Kafka message timestamp is used. "value" must be a finite JSON number. Other fields
/// are skipped, however deeply nested (up to the reader's default depth of 64).</para>
/// <para>Invalid UTF-8 anywhere in the value is reported as <see cref="DecodeErrorKind.InvalidUtf8"/>, checked over
/// the whole payload before parsing. Checks run cheapest first (empty, size, UTF-8, key), then the JSON in document
/// order; the first problem found is the one reported.</para>
/// <para>Thread-safe: the decoder holds only its limits.</para>
/// </remarks>
public sealed class PointDecoder
{
    /// <summary>Creates a decoder with the given limits (bytes, UTF-16 chars); both must be positive.</summary>
    public PointDecoder(int maxPayloadBytes = 65536, int maxSeriesIdLength = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSeriesIdLength);
        MaxPayloadBytes = maxPayloadBytes;
        MaxSeriesIdLength = maxSeriesIdLength;
    }

    /// <summary>Largest accepted message value, in bytes.</summary>
    public int MaxPayloadBytes { get; }

    /// <summary>Longest accepted series id, in UTF-16 chars.</summary>
    public int MaxSeriesIdLength { get; }

    /// <summary>Decodes one message. Never throws.</summary>
    /// <param name="key">Kafka key bytes: the UTF-8 series id; null or empty means "no key".</param>
    /// <param name="value">Kafka message value bytes.</param>
    /// <param name="valueIsNull">True for a null (tombstone) value, which is reported as an empty payload.</param>
    /// <param name="fallbackTimestamp">Kafka message timestamp, used when the JSON has no "timestamp".</param>
    public DecodeResult Decode(byte[]? key, ReadOnlySpan<byte> value, bool valueIsNull, DateTimeOffset? fallbackTimestamp)
    {
        if (valueIsNull || value.IsEmpty)
        {
            return DecodeResult.Failure(DecodeErrorKind.EmptyPayload, "message value is empty");
        }

        if (value.Length > MaxPayloadBytes)
        {
            return DecodeResult.Failure(
                DecodeErrorKind.PayloadTooLarge, $"payload is {value.Length} bytes, limit {MaxPayloadBytes}");
        }

        if (!Utf8.IsValid(value))
        {
            return DecodeResult.Failure(DecodeErrorKind.InvalidUtf8, "payload is not valid UTF-8");
        }

        bool hasKey = key is { Length: > 0 };
        if (hasKey && SeriesIdRules.CheckUtf8(key, MaxSeriesIdLength) is { } keyProblem)
        {
            return DecodeResult.Failure(DecodeErrorKind.InvalidSeries, "Kafka key: " + keyProblem);
        }

        try
        {
            return Parse(hasKey ? key : null, value, fallbackTimestamp);
        }
        catch (JsonException ex)
        {
            return DecodeResult.Failure(DecodeErrorKind.MalformedJson, "payload is not well-formed JSON: " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // Raised by the reader when an escape decodes to invalid UTF-16 (e.g. a lone surrogate).
            return DecodeResult.Failure(DecodeErrorKind.MalformedJson, "payload has an invalid string: " + ex.Message);
        }
    }

    private DecodeResult Parse(byte[]? key, ReadOnlySpan<byte> value, DateTimeOffset? fallbackTimestamp)
    {
        var reader = new Utf8JsonReader(value, default(JsonReaderOptions));
        if (!reader.Read())
        {
            return DecodeResult.Failure(DecodeErrorKind.MalformedJson, "payload has no JSON value");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult.Failure(
                DecodeErrorKind.NotAnObject,
                $"payload must be a JSON object, got {JsonFieldReader.Describe(reader.TokenType)}");
        }

        string? series = null;
        bool seenSeries = false, seenTimestamp = false, seenValue = false;
        double pointValue = 0;
        DateTimeOffset timestamp = default;
        DecodeErrorKind error;
        string? detail;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                if (!MarkSeen(ref seenValue, ref reader, out detail))
                {
                    return DecodeResult.Failure(DecodeErrorKind.DuplicateField, detail);
                }

                error = JsonFieldReader.ReadValue(ref reader, out pointValue, out detail);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!MarkSeen(ref seenTimestamp, ref reader, out detail))
                {
                    return DecodeResult.Failure(DecodeErrorKind.DuplicateField, detail);
                }

                error = JsonFieldReader.ReadTimestamp(ref reader, out timestamp, out detail);
            }
            else if (reader.ValueTextEquals("series"u8))
            {
                if (!MarkSeen(ref seenSeries, ref reader, out detail))
                {
                    return DecodeResult.Failure(DecodeErrorKind.DuplicateField, detail);
                }

                error = ReadSeries(ref reader, key, out series, out detail);
            }
            else
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (error != DecodeErrorKind.None)
            {
                return DecodeResult.Failure(error, detail!);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return DecodeResult.Failure(DecodeErrorKind.MalformedJson, "payload JSON object is incomplete");
        }

        // Throws (→ MalformedJson) on anything but whitespace after the object.
        if (reader.Read())
        {
            return DecodeResult.Failure(DecodeErrorKind.MalformedJson, "unexpected data after the JSON object");
        }

        return Complete(key, series, seenValue, pointValue, seenTimestamp, timestamp, fallbackTimestamp);
    }

    private static DecodeResult Complete(
        byte[]? key,
        string? series,
        bool seenValue,
        double pointValue,
        bool seenTimestamp,
        DateTimeOffset timestamp,
        DateTimeOffset? fallbackTimestamp)
    {
        if (series is null && key is null)
        {
            return DecodeResult.Failure(
                DecodeErrorKind.MissingSeries, "no series id: the message has no key and no 'series' field");
        }

        if (!seenValue)
        {
            return DecodeResult.Failure(DecodeErrorKind.MissingValue, "'value' is missing");
        }

        if (!seenTimestamp)
        {
            if (fallbackTimestamp is not { } fallback)
            {
                return DecodeResult.Failure(
                    DecodeErrorKind.MissingTimestamp, "'timestamp' is missing and the message has no timestamp");
            }

            timestamp = fallback.ToUniversalTime();
        }

        // Decoded here, once, and only for messages that are otherwise valid.
        string seriesId = series ?? Encoding.UTF8.GetString(key!);
        return DecodeResult.Success(new SensorPoint(seriesId, timestamp, pointValue));
    }

    /// <summary>Flags a known field as seen and moves the reader onto its value; false when it was already seen.</summary>
    private static bool MarkSeen(ref bool seen, ref Utf8JsonReader reader, [NotNullWhen(false)] out string? detail)
    {
        if (seen)
        {
            detail = $"field '{reader.GetString()}' appears more than once";
            return false;
        }

        seen = true;
        detail = null;
        reader.Read();
        return true;
    }

    private DecodeErrorKind ReadSeries(ref Utf8JsonReader reader, byte[]? key, out string? series, out string? detail)
    {
        series = null;
        detail = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            detail = $"'series' must be a JSON string, got {JsonFieldReader.Describe(reader.TokenType)}";
            return DecodeErrorKind.InvalidSeries;
        }

        // Matching the key compares bytes, so the common keyed case allocates no second copy of the id.
        if (key is not null && reader.ValueTextEquals(key))
        {
            return DecodeErrorKind.None;
        }

        // Unescaping never lengthens a string, so this rejects huge values without allocating them.
        if (reader.ValueSpan.Length > (long)MaxSeriesIdLength * 6)
        {
            detail = $"series id is longer than {MaxSeriesIdLength} chars";
            return DecodeErrorKind.InvalidSeries;
        }

        string text = reader.GetString()!;
        if (SeriesIdRules.Check(text, MaxSeriesIdLength) is { } problem)
        {
            detail = "'series': " + problem;
            return DecodeErrorKind.InvalidSeries;
        }

        if (key is not null)
        {
            detail = "'series' differs from the Kafka key; key each point by its series id";
            return DecodeErrorKind.SeriesKeyMismatch;
        }

        series = text;
        return DecodeErrorKind.None;
    }
}
