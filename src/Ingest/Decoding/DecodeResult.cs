using Streaming.Model.Points;

namespace Streaming.Ingest.Decoding;

/// <summary>
/// Outcome of decoding one message: a point when <see cref="IsValid"/>, otherwise the error kind and a short
/// human-readable <see cref="Detail"/>. A struct so the success path allocates nothing beyond the series id.
/// </summary>
/// <param name="Point">The decoded point; default when invalid.</param>
/// <param name="Error">Why decoding failed, or <see cref="DecodeErrorKind.None"/>.</param>
/// <param name="Detail">Short explanation for logs and the dead-letter header; null when valid.</param>
public readonly record struct DecodeResult(SensorPoint Point, DecodeErrorKind Error, string? Detail)
{
    /// <summary>True when <see cref="Point"/> holds a decoded observation.</summary>
    public bool IsValid => Error == DecodeErrorKind.None;

    /// <summary>A successful result.</summary>
    public static DecodeResult Success(SensorPoint point) => new(point, DecodeErrorKind.None, null);

    /// <summary>A failed result; <paramref name="error"/> must not be <see cref="DecodeErrorKind.None"/>.</summary>
    public static DecodeResult Failure(DecodeErrorKind error, string detail)
    {
        if (error == DecodeErrorKind.None)
        {
            throw new ArgumentException("A failure needs an error kind other than None.", nameof(error));
        }

        return new DecodeResult(default, error, detail);
    }
}
