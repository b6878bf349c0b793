using System.Threading.Channels;

namespace Streaming.Worker.State;

/// <summary>An input partition as restored from the state topic, ready for the model thread.</summary>
/// <param name="Partition">The input partition.</param>
/// <param name="Series">Per series id, its latest saved state record.</param>
/// <param name="ReplayUntil">Records of the partition below this offset only rebuild state: their outputs were delivered before.</param>
/// <param name="Position">The partition's saved position, if it had one.</param>
public sealed record RestoredPartition(int Partition, IReadOnlyDictionary<string, byte[]> Series, long ReplayUntil, PartitionPosition? Position);

/// <summary>A rebalance event for the model thread, due once it has read <paramref name="HandedOut"/> records.</summary>
public abstract record PartitionCommand(long HandedOut);

/// <summary>Partitions arrive: restore their series before their first record.</summary>
public sealed record AssignCommand(long HandedOut, IReadOnlyList<RestoredPartition> Partitions) : PartitionCommand(HandedOut);

/// <summary>
/// Partitions leave: after their last record, save their series (unless <paramref name="Lost"/>), forget them, and
/// complete <paramref name="Done"/> once what they produced is delivered.
/// </summary>
public sealed record RevokeCommand(long HandedOut, IReadOnlyList<int> Partitions, bool Lost, TaskCompletionSource Done) : PartitionCommand(HandedOut);

/// <summary>The queue of rebalance events from the consume thread to the model thread, in the order they happened.</summary>
public sealed class PartitionCommands
{
    private readonly Channel<PartitionCommand> _queue = Channel.CreateUnbounded<PartitionCommand>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Queues a command (consume thread).</summary>
    public void Post(PartitionCommand command) => _queue.Writer.TryWrite(command);

    /// <summary>The next command without taking it (model thread).</summary>
    public bool TryPeek(out PartitionCommand? command) => _queue.Reader.TryPeek(out command);

    /// <summary>Takes the next command (model thread).</summary>
    public bool TryTake(out PartitionCommand? command) => _queue.Reader.TryRead(out command);

    /// <summary>Completes when a command is queued.</summary>
    public ValueTask<bool> WaitAsync() => _queue.Reader.WaitToReadAsync();
}
