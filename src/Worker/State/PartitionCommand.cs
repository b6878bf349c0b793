namespace Streaming.Worker.State;

/// <summary>A rebalance event for the model thread, due once it has read <paramref name="HandedOut"/> records.</summary>
public abstract record PartitionCommand(long HandedOut);
