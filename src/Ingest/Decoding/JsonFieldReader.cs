using System.Text.Json;

namespace Streaming.Ingest.Decoding;

/// <summary>
/// Reads the "value" and "timestamp" fields from a reader positioned on their value token.
/// Each method returns <see cref="DecodeErrorKind.None"/> or the error kind with a detail message.
/// </summary>
internal static class JsonFieldReader
{
    /// <summary>9999-12-31T23:59:59.999Z in Unix epoch milliseconds: the last instant DateTimeOffset can hold.</summary>
    internal const long MaxEpochMilliseconds = 253_402_300_799_999;

    // ISO timestamps are ~35 bytes; anything escaped and longer than this cannot be a date anyway.
    private const int MaxEscapedTimestampBytes = 128;

    public static DecodeErrorKind ReadValue(ref Utf8JsonReader reader, out double value, out string? detail)
    {
        value = 0;
        detail = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // The grammar already guarantees a number, so failure here can only mean overflow (e.g. 1e400).
                if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    value = 0;
                    detail = "'value' overflows a double";
                    return DecodeErrorKind.NonFiniteValue;
                }

                return DecodeErrorKind.None;
            case JsonTokenType.String when IsNonFiniteLiteral(ref reader):
                detail = "'value' must be a finite number, got a NaN/Infinity string";
                return DecodeErrorKind.NonFiniteValue;
            default:
                detail = $"'value' must be a JSON number, got {Describe(reader.TokenType)}";
                return DecodeErrorKind.InvalidValue;
        }
    }

    public static DecodeErrorKind ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp, out string? detail)
    {
        detail = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (TryReadIso(ref reader, out timestamp))
                {
                    return DecodeErrorKind.None;
                }

                detail = "'timestamp' is not an ISO-8601 date-time";
                return DecodeErrorKind.InvalidTimestamp;
            case JsonTokenType.Number:
                if (TryReadEpochMilliseconds(ref reader, out timestamp))
                {
                    return DecodeErrorKind.None;
                }

                detail = "'timestamp' epoch milliseconds are outside years 1970..9999";
                return DecodeErrorKind.InvalidTimestamp;
            default:
                timestamp = default;
                detail = $"'timestamp' must be an ISO-8601 string or epoch milliseconds, got {Describe(reader.TokenType)}";
                return DecodeErrorKind.InvalidTimestamp;
        }
    }

    /// <summary>JSON-flavoured name of a value token for detail messages.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        JsonTokenType.String => "String",
        JsonTokenType.Number => "Number",
        JsonTokenType.True or JsonTokenType.False => "Boolean",
        JsonTokenType.Null => "Null",
        _ => type.ToString(),
    };

    private static bool TryReadEpochMilliseconds(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        timestamp = default;

        // Integers take the exact path; fractional (or huge) ones go through double.
        if (reader.TryGetInt64(out long ms))
        {
            if (ms is < 0 or > MaxEpochMilliseconds)
            {
                return false;
            }

            timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        // Comparisons are false for NaN/Infinity, so those fall out here too.
        if (!reader.TryGetDouble(out double fractional) || !(fractional >= 0 && fractional <= MaxEpochMilliseconds))
        {
            return false;
        }

        long ticks = (long)Math.Round(fractional * TimeSpan.TicksPerMillisecond);
        timestamp = new DateTimeOffset(DateTime.UnixEpoch.Ticks + ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryReadIso(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        timestamp = default;
        scoped ReadOnlySpan<byte> raw = reader.ValueSpan;
        Span<byte> unescaped = stackalloc byte[MaxEscapedTimestampBytes];
        if (reader.ValueIsEscaped)
        {
            if (raw.Length > MaxEscapedTimestampBytes)
            {
                return false;
            }

            raw = unescaped[..reader.CopyString(unescaped)];
        }

        // The reader's DateTimeOffset parser assumes *local* time when the offset is missing; the contract says UTC,
        // so offset-less values go through the DateTime parser and are stamped UTC explicitly.
        if (HasOffset(raw))
        {
            if (!reader.TryGetDateTimeOffset(out DateTimeOffset withOffset))
            {
                return false;
            }

            timestamp = withOffset.ToUniversalTime();
            return true;
        }

        if (!reader.TryGetDateTime(out DateTime unspecified))
        {
            return false;
        }

        timestamp = new DateTimeOffset(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc));
        return true;
    }

    // The date part "yyyy-MM-dd" is 10 bytes; after it only an offset can contain 'Z', '+' or '-'.
    private static bool HasOffset(ReadOnlySpan<byte> iso) => iso.Length > 10 && iso[10..].IndexOfAny("Zz+-"u8) >= 0;

    private static bool IsNonFiniteLiteral(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 9)
        {
            return false;
        }

        ReadOnlySpan<byte> text = reader.ValueSpan;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            text = text[1..];
        }

        return System.Text.Ascii.EqualsIgnoreCase(text, "nan"u8)
            || System.Text.Ascii.EqualsIgnoreCase(text, "infinity"u8)
            || System.Text.Ascii.EqualsIgnoreCase(text, "inf"u8);
    }
}
