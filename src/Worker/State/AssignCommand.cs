namespace Streaming.Worker.State;

/// <summary>Partitions arrive: restore their series before their first record.</summary>
public sealed record AssignCommand(long HandedOut, IReadOnlyList<RestoredPartition> Partitions) : PartitionCommand(HandedOut);
