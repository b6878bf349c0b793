namespace Streaming.Worker.Pipeline;

/// <summary>What the model thread hands to the publish thread, in the order it must happen.</summary>
public enum PublishRequestKind
{
    /// <summary>A point to publish: its detection, or (when null) its record to dead-letter.</summary>
    Point,

    /// <summary>A record replayed into state after a restore: its outputs were delivered before, so none are written.</summary>
    Replayed,

    /// <summary>State records to write (a snapshot of a partition's series, or of the model).</summary>
    State,

    /// <summary>A hand-over point: complete it once everything before it is delivered (committed, in exactly-once mode).</summary>
    Barrier,
}
