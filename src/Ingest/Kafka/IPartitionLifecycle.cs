using Confluent.Kafka;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// What happens when the group hands this consumer partitions or takes them away: the place where per-partition
/// state is restored before a partition's first record is handed on, and saved after its last one was processed.
/// Both run on the consume thread inside the rebalance callback, so nothing of those partitions is read meanwhile.
/// </summary>
public interface IPartitionLifecycle
{
    /// <summary>
    /// Called before anything of <paramref name="partitions"/> is read. <paramref name="handedOut"/> counts the records
    /// handed on so far (a position in the records channel). Returns where to start reading each partition
    /// (<see cref="Offset.Unset"/>: the group's committed offset).
    /// </summary>
    IReadOnlyList<TopicPartitionOffset> Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, long handedOut);

    /// <summary>
    /// Called when <paramref name="partitions"/> leave this consumer, after the last of their records was handed on
    /// (<paramref name="handedOut"/> records in all). <paramref name="lost"/>: they were taken without a clean hand-over
    /// (session timed out), so another member may already own them and nothing may be written for them.
    /// </summary>
    void Revoked(IReadOnlyList<TopicPartition> partitions, long handedOut, bool lost);
}
