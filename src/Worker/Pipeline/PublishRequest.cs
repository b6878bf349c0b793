using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Worker.State;

namespace Streaming.Worker.Pipeline;

/// <summary>One item for the publish thread; build it with the factory methods.</summary>
public readonly record struct PublishRequest(PublishRequestKind Kind, InboundRecord? Source, DetectionResult? Detection, SnapshotRecords? Snapshot, TaskCompletionSource? Done)
{
    /// <summary>A detection to publish, or a record to dead-letter when <paramref name="detection"/> is null.</summary>
    public static PublishRequest Point(InboundRecord source, DetectionResult? detection) => new(PublishRequestKind.Point, source, detection, null, null);

    /// <summary>A record whose outputs were already delivered: only its offset moves on.</summary>
    public static PublishRequest Replayed(InboundRecord source) => new(PublishRequestKind.Replayed, source, null, null, null);

    /// <summary>State records to write.</summary>
    public static PublishRequest State(SnapshotRecords snapshot) => new(PublishRequestKind.State, null, null, snapshot, null);

    /// <summary>Completes <paramref name="done"/> once everything before it is delivered.</summary>
    public static PublishRequest Barrier(TaskCompletionSource done) => new(PublishRequestKind.Barrier, null, null, null, done);
}
