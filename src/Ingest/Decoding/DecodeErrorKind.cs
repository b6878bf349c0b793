namespace Streaming.Ingest.Decoding;

/// <summary>Why a message could not be decoded into a point; <see cref="None"/> means it could.</summary>
public enum DecodeErrorKind
{
    /// <summary>Decoded successfully.</summary>
    None,

    /// <summary>The message value is null or zero bytes.</summary>
    EmptyPayload,

    /// <summary>The message value exceeds the configured byte limit; rejected before parsing.</summary>
    PayloadTooLarge,

    /// <summary>The message value is not valid UTF-8 (checked over the whole payload before parsing).</summary>
    InvalidUtf8,

    /// <summary>Not well-formed JSON: truncated, trailing data, nesting deeper than 64, bad escapes.</summary>
    MalformedJson,

    /// <summary>Well-formed JSON whose root is not an object.</summary>
    NotAnObject,

    /// <summary>"series", "timestamp" or "value" appears more than once.</summary>
    DuplicateField,

    /// <summary>Neither the Kafka key nor the JSON carries a series id.</summary>
    MissingSeries,

    /// <summary>Series id (key or JSON) is empty, too long, not a string, has control characters or is not valid UTF-8.</summary>
    InvalidSeries,

    /// <summary>The JSON "series" differs from the Kafka key.</summary>
    SeriesKeyMismatch,

    /// <summary>No "value" field.</summary>
    MissingValue,

    /// <summary>"value" is not a JSON number (string, bool, null, object or array).</summary>
    InvalidValue,

    /// <summary>"value" is NaN/Infinity (as a string) or a number that overflows a double.</summary>
    NonFiniteValue,

    /// <summary>No "timestamp" field and no fallback (Kafka message) timestamp.</summary>
    MissingTimestamp,

    /// <summary>"timestamp" is neither a parseable ISO-8601 string nor epoch milliseconds within years 1970..9999.</summary>
    InvalidTimestamp,
}
