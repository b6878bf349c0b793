namespace Streaming.Worker.State;

/// <summary>An input partition as restored from the state topic, ready for the model thread.</summary>
/// <param name="Partition">The input partition.</param>
/// <param name="Series">Per series id, its latest saved state record.</param>
/// <param name="ReplayUntil">Records of the partition below this offset only rebuild state: their outputs were delivered before.</param>
/// <param name="Position">The partition's saved position, if it had one.</param>
public sealed record RestoredPartition(int Partition, IReadOnlyDictionary<string, byte[]> Series, long ReplayUntil, PartitionPosition? Position);
