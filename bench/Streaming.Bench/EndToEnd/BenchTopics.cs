using Streaming.Tools.Embedded;
using Streaming.Worker.Kafka;

namespace Streaming.Bench.EndToEnd;

/// <summary>Uniquely named topics of one benchmark run, created on the embedded cluster, and the worker settings that point at them.</summary>
public sealed class BenchTopics
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates the run's topics with <paramref name="partitions"/> partitions each.</summary>
    public BenchTopics(MockCluster cluster, int partitions)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Bootstrap = cluster.BootstrapServers;
        foreach (var topic in new[] { Input, PassThrough, Predictions, Anomalies, DeadLetters })
        {
            cluster.CreateTopic(topic, partitions);
        }
    }

    /// <summary>The cluster's bootstrap address.</summary>
    public string Bootstrap { get; }

    /// <summary>The pre-filled input.</summary>
    public string Input => $"bench-{_run}-points";

    /// <summary>Where the ceiling copies the input.</summary>
    public string PassThrough => $"bench-{_run}-copy";

    /// <summary>The worker's predictions.</summary>
    public string Predictions => $"bench-{_run}-predictions";

    /// <summary>The worker's anomalies.</summary>
    public string Anomalies => $"bench-{_run}-anomalies";

    /// <summary>The worker's dead letters.</summary>
    public string DeadLetters => $"bench-{_run}-dlq";

    /// <summary>Worker settings for these topics, a fresh consumer group and quiet logs, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string?> WorkerSettings(string group, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Bootstrap,
            ["Kafka:GroupId"] = $"bench-{_run}-{group}",
            ["Ingest:Topic"] = Input,
            ["Output:PredictionsTopic"] = Predictions,
            ["Output:AnomaliesTopic"] = Anomalies,
            ["Output:DeadLetterTopic"] = DeadLetters,
            ["Logging:LogLevel:Default"] = "Warning",
            // No metrics/health listeners: a bench run must not take ports another process may hold.
            ["Telemetry:PrometheusUrl"] = "",
            ["Telemetry:HealthUrl"] = "",
            // The in-process mock broker answers an empty fetch only after the whole wait, as the worker's "embedded"
            // default knows; here the bootstrap is the mock's address, so say it.
            ["Kafka:Consumer:fetch.wait.max.ms"] = KafkaClientConfigs.EmbeddedFetchWaitMaxMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
