using Confluent.Kafka;
using Streaming.Ingest.Decoding;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// One consumed input message, already decoded on the consume thread: either a valid point or the reason it is not.
/// The raw key, value and headers stay attached so that a bad message can be dead-lettered as it came.
/// <paramref name="ReceivedAt"/> is the <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the consumer read it
/// (0 when unknown), the start of the worker's stage and end-to-end latencies.
/// </summary>
public sealed record InboundRecord(TopicPartitionOffset Source, byte[]? Key, byte[]? Value, Headers? Headers, DecodeResult Decoded, long ReceivedAt = 0);
