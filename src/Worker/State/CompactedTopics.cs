using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace Streaming.Worker.State;

/// <summary>
/// The state and model topics: their names, and the state topic's partition count, found (or the topics created,
/// compacted) on first use. Creation is tried through the Admin API with <c>cleanup.policy=compact</c>; a cluster
/// that refuses it (the embedded mock has no CreateTopics) gets them by auto-creation on first metadata request.
/// Thread-safe.
/// </summary>
public sealed partial class CompactedTopics(ProducerConfig clientConfig, string stateTopic, string modelTopic, string inputTopic, ILogger<CompactedTopics> logger)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private int _statePartitions;

    /// <summary>Topic of per-series state and partition positions.</summary>
    public string StateTopic { get; } = stateTopic;

    /// <summary>Topic of the shared model's checkpoints (one partition).</summary>
    public string ModelTopic { get; } = modelTopic;

    /// <summary>The input topic whose partitions the state topic follows.</summary>
    public string InputTopic { get; } = inputTopic;

    /// <summary>Partitions of <see cref="StateTopic"/>; the first call makes sure both topics exist.</summary>
    public int StatePartitions
    {
        get
        {
            lock (_gate)
            {
                if (_statePartitions == 0)
                {
                    // A producer handle's metadata requests may auto-create topics; the admin client's own do not.
                    using var producer = new ProducerBuilder<byte[], byte[]>(clientConfig).Build();
                    using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
                    _statePartitions = Ensure(admin, StateTopic, partitions: 0);
                    Ensure(admin, ModelTopic, 1);
                }

                return _statePartitions;
            }
        }
    }

    private int Ensure(IAdminClient admin, string topic, int partitions)
    {
        var existing = PartitionCount(admin, topic);
        if (existing > 0)
        {
            return existing;
        }

        // One state partition per input partition: each worker then reads only the state of what it owns.
        partitions = partitions > 0 ? partitions : Math.Max(1, PartitionCount(admin, InputTopic));

        try
        {
            admin.CreateTopicsAsync([new TopicSpecification
            {
                Name = topic,
                NumPartitions = partitions,
                ReplicationFactor = -1,
                Configs = new Dictionary<string, string> { ["cleanup.policy"] = "compact" },
            }]).Wait(MetadataTimeout);
            LogCreated(logger, topic, partitions);
        }
        catch (Exception ex) when (ex is AggregateException or KafkaException)
        {
            var reason = ex.GetBaseException().Message;
            LogCreateRefused(logger, topic, reason);
        }

        var deadline = DateTime.UtcNow + MetadataTimeout;
        do
        {
            existing = PartitionCount(admin, topic);
            if (existing > 0)
            {
                return existing;
            }

            Thread.Sleep(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new InvalidOperationException(
            $"The state topic '{topic}' does not exist and could not be created. Create it (cleanup.policy=compact, as many partitions as the input topic) or set State:Enabled=false.");
    }

    private static int PartitionCount(IAdminClient admin, string topic)
    {
        try
        {
            var metadata = admin.GetMetadata(topic, MetadataTimeout);
            var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            return found is { Error.IsError: false } ? found.Partitions.Count : 0;
        }
        catch (KafkaException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created compacted topic {Topic} with {Partitions} partitions")]
    private static partial void LogCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Topic {Topic} not created through the Admin API ({Reason}); relying on auto-creation")]
    private static partial void LogCreateRefused(ILogger logger, string topic, string reason);
}
