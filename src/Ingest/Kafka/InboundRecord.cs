using Confluent.Kafka;
using Streaming.Ingest.Decoding;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// One consumed input message, already decoded on the consume thread: either a valid point or the reason it is not.
/// The raw key, value and headers stay attached so that a bad message can be dead-lettered as it came.
/// </summary>
public sealed record InboundRecord(TopicPartitionOffset Source, byte[]? Key, byte[]? Value, Headers? Headers, DecodeResult Decoded);
