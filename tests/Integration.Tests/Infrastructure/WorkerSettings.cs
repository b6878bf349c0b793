namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>The configuration a test worker runs with, in process or as a child process.</summary>
public static class WorkerSettings
{
    /// <summary>The settings that turn exactly-once delivery on (<c>Pipeline:Delivery=ExactlyOnce</c>).</summary>
    public static IReadOnlyDictionary<string, string?> ExactlyOnce { get; } = new Dictionary<string, string?> { ["Pipeline:Delivery"] = "ExactlyOnce" };

    /// <summary>
    /// The worker pointed at <paramref name="kafka"/>, the test's own topics and consumer group, quiet logs, no
    /// listeners; then <paramref name="settings"/> on top.
    /// </summary>
    public static Dictionary<string, string?> For(IKafkaUnderTest kafka, TestTopics topics, string groupId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        var config = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:GroupId"] = groupId,
            ["Ingest:Topic"] = topics.Input,
            ["Output:PredictionsTopic"] = topics.Predictions,
            ["Output:AnomaliesTopic"] = topics.Anomalies,
            ["Output:DeadLetterTopic"] = topics.DeadLetters,
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests run in parallel with other processes: listeners only where a test asks for them, on free ports.
            ["Telemetry:PrometheusUrl"] = "",
            ["Telemetry:HealthUrl"] = "",
        };
        foreach (var (key, value) in kafka.ConsumerSettings)
        {
            config[$"Kafka:Consumer:{key}"] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return config;
    }
}
