using Streaming.Ingest.Kafka;
using Streaming.Worker.Detection;

namespace Streaming.Worker.Pipeline;

/// <summary>What the model thread hands to the publish thread: a detection to publish, or (when null) a record to dead-letter.</summary>
public readonly record struct Outbound(InboundRecord Source, DetectionResult? Detection);
