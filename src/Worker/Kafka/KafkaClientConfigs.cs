using Confluent.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Worker.Kafka;

/// <summary>
/// Builds the librdkafka client configurations: the worker's delivery guarantees first, then the user's
/// <c>Kafka:Settings</c>, then the per-client overrides, so that a user can change anything, on purpose.
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>The consumer's <c>fetch.wait.max.ms</c> on the embedded broker (see <see cref="Consumer"/>).</summary>
    public const int EmbeddedFetchWaitMaxMs = 10;

    /// <summary>
    /// Consumer: offsets stored by hand after delivery and committed in the background; on the embedded broker a short
    /// <c>fetch.wait.max.ms</c>.
    /// </summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = options.GroupId,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1000,
            // The pipeline stores an offset only once every output of that message is delivered.
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Cooperative rebalancing keeps unaffected partitions flowing while a worker joins or leaves.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnablePartitionEof = false,
            // Feeds the consumer-lag gauge (detector.consumer.lag); Kafka:Consumer:statistics.interval.ms changes it.
            StatisticsIntervalMs = 5000,
        };
        if (options.UsesEmbeddedBroker)
        {
            // The embedded broker answers a fetch that finds nothing only after the whole fetch.wait.max.ms (500 ms by
            // default), even if records arrive meanwhile; a real broker answers as soon as they do.
            config.FetchWaitMaxMs = EmbeddedFetchWaitMaxMs;
        }

        Apply(config, options.Settings);
        Apply(config, options.Consumer);
        return config;
    }

    /// <summary>Producer: idempotent, acknowledged by all in-sync replicas.</summary>
    public static ProducerConfig Producer(KafkaOptions options, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            // Delivery handlers read only the report's error. By default the .NET client copies every delivered message's
            // headers, timestamp and status back out of librdkafka (an array and a string per header, per message).
            DeliveryReportFields = "none",
        };
        Apply(config, options.Settings);
        Apply(config, options.Producer);
        return config;
    }

    private static void Apply(ClientConfig config, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            config.Set(key, value);
        }
    }
}
