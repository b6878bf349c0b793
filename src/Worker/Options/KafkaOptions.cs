namespace Streaming.Worker.Options;

/// <summary>
/// Where Kafka is and how the clients talk to it. <see cref="Settings"/> pass through to librdkafka unchanged
/// (security.protocol, sasl.*, ssl.* and the rest), so anything the client supports can be configured.
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Kafka";

    /// <summary>The value of <see cref="BootstrapServers"/> that starts the in-process mock cluster.</summary>
    public const string Embedded = "embedded";

    /// <summary>host:port list of the brokers, or empty / <c>embedded</c> for the in-process broker.</summary>
    public string BootstrapServers { get; set; } = Embedded;

    /// <summary>Consumer group of the workers; workers with the same group share the input partitions.</summary>
    public string GroupId { get; set; } = "anomaly-detector";

    /// <summary>Partitions of each topic the embedded broker creates (the mock keeps only ~5 MiB per partition).</summary>
    public int EmbeddedPartitions { get; set; } = 16;

    /// <summary>librdkafka settings for every client (e.g. <c>security.protocol</c>, <c>sasl.username</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>librdkafka settings for the consumer only; they win over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>librdkafka settings for the producer only; they win over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>True when the worker should run the embedded broker itself.</summary>
    public bool UsesEmbeddedBroker =>
        string.IsNullOrWhiteSpace(BootstrapServers) || string.Equals(BootstrapServers.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);
}
