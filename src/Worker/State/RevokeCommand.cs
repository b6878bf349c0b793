namespace Streaming.Worker.State;

/// <summary>
/// Partitions leave: after their last record, save their series (unless <paramref name="Lost"/>), forget them, and
/// complete <paramref name="Done"/> once what they produced is delivered.
/// </summary>
public sealed record RevokeCommand(long HandedOut, IReadOnlyList<int> Partitions, bool Lost, TaskCompletionSource Done) : PartitionCommand(HandedOut);
