using Streaming.Model.Scaling;

namespace Streaming.Ingest.Options;

/// <summary>How points come in: the input topic, payload limits and the hand-off to the model thread.</summary>
public sealed class IngestOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Ingest";

    /// <summary>Kafka topic the sensor points are read from.</summary>
    public string Topic { get; set; } = "sensor-points";

    /// <summary>Largest accepted message value in bytes; larger ones are dead-lettered as <c>payload-too-large</c>.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Longest accepted series id in characters.</summary>
    public int MaxSeriesIdLength { get; set; } = 256;

    /// <summary>How each series' values are scaled before they reach the model (MinMax to [0,1], as in the Keras example).</summary>
    public ScalerKind Scaler { get; set; } = ScalerKind.MinMax;

    /// <summary>Records buffered between the consume thread and the model thread (back-pressure bound).</summary>
    public int ChannelCapacity { get; set; } = 8192;
}
