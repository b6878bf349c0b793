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

    /// <summary>
    /// host:port list of the brokers, or <c>embedded</c> for the in-process test broker. Empty by default: a worker
    /// must be told where its cluster is, never fall back to a broker nobody else can reach.
    /// </summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Consumer group of the workers; workers with the same group share the input partitions.</summary>
    public string GroupId { get; set; } = "anomaly-detector";

    /// <summary>Partitions of each topic the embedded broker creates (the mock keeps only ~5 MiB per partition).</summary>
    public int EmbeddedPartitions { get; set; } = 16;

    /// <summary>
    /// Seconds without any reachable broker after which the worker stops with its own exit code, so that an
    /// orchestrator sees the outage and restarts or alerts; 0 = wait for ever.
    /// </summary>
    public int BrokerTimeoutSeconds { get; set; } = 120;

    /// <summary>librdkafka settings for every client (e.g. <c>security.protocol</c>, <c>sasl.username</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = [];

    /// <summary>librdkafka settings for the consumer only; they win over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>librdkafka settings for the producer only; they win over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Producer { get; set; } = [];

    /// <summary>True when the worker should run the embedded broker itself (only when asked for by name).</summary>
    public bool UsesEmbeddedBroker => string.Equals(BootstrapServers?.Trim(), Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a broker is named at all (an address or <c>embedded</c>).</summary>
    public bool HasBroker => !string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>What to tell a user who gave no broker: the key, both spellings, and the ways to fix it.</summary>
    public static string MissingBrokerMessage(string command) =>
        $"Kafka:BootstrapServers is not set: {command} needs the brokers it reads from and writes to. Set Kafka:BootstrapServers " +
        "in config/appsettings.json or config/appsettings.{Environment}.json, or Kafka__BootstrapServers in the environment " +
        $"(e.g. Kafka__BootstrapServers=broker-1:9092,broker-2:9092), or pass --bootstrap HOST:PORT. To try the worker on " +
        $"the in-process test broker, run it from the tools: dotnet run --project src/Tools -- run --Kafka:BootstrapServers={Embedded} (or the demo).";

    /// <summary>What the service says when asked for the embedded broker, which only the tools carry.</summary>
    public const string NoEmbeddedBrokerMessage =
        $"Kafka:BootstrapServers is '{Embedded}', but the service carries no embedded broker: name a cluster (host:port), " +
        $"or try the worker with the tools: dotnet run --project src/Tools -- run --Kafka:BootstrapServers={Embedded}.";
}
