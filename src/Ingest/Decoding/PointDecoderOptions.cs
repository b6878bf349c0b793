namespace Streaming.Ingest.Decoding;

/// <summary>Limits applied by <see cref="PointDecoder"/> to untrusted input.</summary>
public sealed class PointDecoderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Decoder";

    /// <summary>Largest accepted message value, in bytes (default 65536). Bigger payloads are rejected unparsed.</summary>
    public int MaxPayloadBytes { get; set; } = 65536;

    /// <summary>Longest accepted series id, in UTF-16 chars (default 256).</summary>
    public int MaxSeriesIdLength { get; set; } = 256;
}
