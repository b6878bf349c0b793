namespace Streaming.Worker.Pipeline;

/// <summary>
/// At-least-once: an input partition's snapshot on its way to the broker. Its position record may follow once the
/// snapshot's state records are delivered (counted here by their delivery callbacks) and so are the outputs of every
/// record before its offset (the offset tracker knows those).
/// </summary>
internal sealed class PendingPosition
{
    private readonly Action _delivered;
    private int _undelivered;

    public PendingPosition() => _delivered = () => Interlocked.Decrement(ref _undelivered);

    /// <summary>The snapshot offset to write once everything before it is delivered; null when none waits.</summary>
    public long? Due { get; set; }

    /// <summary>True when every state record sent through <see cref="Sent"/> is delivered.</summary>
    public bool StateDelivered => Volatile.Read(ref _undelivered) == 0;

    /// <summary>Counts a state record sent; returns its delivery callback.</summary>
    public Action Sent()
    {
        Interlocked.Increment(ref _undelivered);
        return _delivered;
    }
}
