using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Worker.State;

namespace Streaming.Worker.Pipeline;

/// <summary>What the model thread hands to the publish thread, in the order it must happen.</summary>
public enum OutboundKind
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

/// <summary>One item for the publish thread; build it with the factory methods.</summary>
public readonly record struct Outbound(OutboundKind Kind, InboundRecord? Source, DetectionResult? Detection, StateSnapshot? Snapshot, TaskCompletionSource? Done)
{
    /// <summary>A detection to publish, or a record to dead-letter when <paramref name="detection"/> is null.</summary>
    public static Outbound Point(InboundRecord source, DetectionResult? detection) => new(OutboundKind.Point, source, detection, null, null);

    /// <summary>A record whose outputs were already delivered: only its offset moves on.</summary>
    public static Outbound Replayed(InboundRecord source) => new(OutboundKind.Replayed, source, null, null, null);

    /// <summary>State records to write.</summary>
    public static Outbound State(StateSnapshot snapshot) => new(OutboundKind.State, null, null, snapshot, null);

    /// <summary>Completes <paramref name="done"/> once everything before it is delivered.</summary>
    public static Outbound Barrier(TaskCompletionSource done) => new(OutboundKind.Barrier, null, null, null, done);
}
