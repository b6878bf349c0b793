namespace Streaming.Ingest.Decoding;

/// <summary>
/// Stable kebab-case codes for <see cref="DecodeErrorKind"/>, written to the dead-letter header.
/// Consumers of the dead-letter topic match on these strings, so never rename one.
/// </summary>
public static class DecodeErrorCodes
{
    /// <summary>Code for an unknown kind; returned instead of throwing so dead-lettering never fails.</summary>
    public const string Unknown = "unknown";

    /// <summary>Returns the stable code for <paramref name="kind"/>, e.g. "malformed-json".</summary>
    public static string ToCode(DecodeErrorKind kind) => kind switch
    {
        DecodeErrorKind.None => "none",
        DecodeErrorKind.EmptyPayload => "empty-payload",
        DecodeErrorKind.PayloadTooLarge => "payload-too-large",
        DecodeErrorKind.InvalidUtf8 => "invalid-utf8",
        DecodeErrorKind.MalformedJson => "malformed-json",
        DecodeErrorKind.NotAnObject => "not-an-object",
        DecodeErrorKind.DuplicateField => "duplicate-field",
        DecodeErrorKind.MissingSeries => "missing-series",
        DecodeErrorKind.InvalidSeries => "invalid-series",
        DecodeErrorKind.SeriesKeyMismatch => "series-key-mismatch",
        DecodeErrorKind.MissingValue => "missing-value",
        DecodeErrorKind.InvalidValue => "invalid-value",
        DecodeErrorKind.NonFiniteValue => "non-finite-value",
        DecodeErrorKind.MissingTimestamp => "missing-timestamp",
        DecodeErrorKind.InvalidTimestamp => "invalid-timestamp",
        _ => Unknown,
    };
}
