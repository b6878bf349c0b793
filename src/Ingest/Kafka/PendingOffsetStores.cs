using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// Offsets released by delivery callbacks (any thread), stored into the consumer by the thread that owns it. Deliveries
/// release offsets nearly one per message, but only each partition's highest matters for the next commit, and every
/// <c>StoreOffset</c> call marshals a partition list through the client: a drain stores once per partition.
/// </summary>
internal sealed partial class PendingOffsetStores(ILogger logger)
{
    // Value tuples: releasing an offset allocates nothing on the delivery thread.
    private readonly ConcurrentQueue<(string Topic, int Partition, long Offset)> _released = new();
    private readonly Dictionary<(string Topic, int Partition), long> _draining = [];
    private readonly Dictionary<TopicPartition, long> _stored = [];

    /// <summary>Queues the next offset to read of a partition (last delivered + 1). Thread-safe.</summary>
    public void Release(string topic, int partition, long nextOffset) => _released.Enqueue((topic, partition, nextOffset));

    /// <summary>Stores the highest released offset of each partition, unless an equal or higher one was stored. Consumer thread only.</summary>
    public void Drain(IConsumer<byte[]?, byte[]?> consumer)
    {
        _draining.Clear();
        while (_released.TryDequeue(out var released))
        {
            // Delivery callbacks may hand offsets over out of order; a commit never moves back.
            var key = (released.Topic, released.Partition);
            if (!_draining.TryGetValue(key, out var highest) || released.Offset > highest)
            {
                _draining[key] = released.Offset;
            }
        }

        foreach (var ((topic, partitionId), offset) in _draining)
        {
            var partition = new TopicPartition(topic, new Partition(partitionId));
            if (_stored.TryGetValue(partition, out var last) && last >= offset)
            {
                continue;
            }

            _stored[partition] = offset;
            try
            {
                consumer.StoreOffset(new TopicPartitionOffset(partition, new Offset(offset)));
            }
            catch (KafkaException ex)
            {
                // The partition was revoked meanwhile: its new owner reads from the last commit (at-least-once).
                _stored.Remove(partition);
                LogStoreSkipped(logger, partition, ex.Error.Reason);
            }
        }
    }

    /// <summary>Forgets what was stored for a revoked partition, so that a later owner-again starts afresh. Consumer thread only.</summary>
    public void Forget(TopicPartition partition) => _stored.Remove(partition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Offset store for {Partition} skipped: {Reason}")]
    private static partial void LogStoreSkipped(ILogger logger, TopicPartition partition, string reason);
}
