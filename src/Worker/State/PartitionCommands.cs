using System.Threading.Channels;

namespace Streaming.Worker.State;

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
