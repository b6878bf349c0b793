using Confluent.Kafka;
using Streaming.Ingest.Decoding;
using Streaming.Model.Points;

namespace Streaming.Tools.Replay;

/// <summary>
/// Reads an input topic from a point in time up to its end as it was when the read began (no consumer group, so
/// no join delay and no committed offsets touched), decoding each message as the worker does.
/// </summary>
public static class TopicHistory
{
    /// <summary>The valid points in read order (per partition, so each series in its order) and the count of undecodable messages.</summary>
    public static (List<SensorPoint> Points, int Invalid) Read(ConsumerConfig config, string topic, DateTimeOffset from, PointDecoder decoder, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(decoder);
        config.GroupId ??= "replay-" + Guid.NewGuid().ToString("N");
        config.EnableAutoCommit = false;
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        List<TopicPartition> partitions;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = config.BootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(topic, timeout).Topics.Single();
            if (metadata.Error.IsError)
            {
                throw new InvalidOperationException($"Topic '{topic}': {metadata.Error.Reason}");
            }

            partitions = [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
        }

        // The end of each partition now: what arrives later is not part of this replay.
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, timeout).High.Value);
        var starts = consumer.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, new Timestamp(from.UtcDateTime))), timeout);
        // A broker answers -1 both for "nothing at or after this time" and, the embedded mock, for "no time lookup":
        // read such partitions from their start and let the timestamp filter below decide.
        var open = starts
            .Select(s => s.Offset.Value >= 0 ? s : new TopicPartitionOffset(s.TopicPartition, Offset.Beginning))
            .Where(s => ends[s.Partition.Value] > 0 && s.Offset.Value < ends[s.Partition.Value])
            .ToList();
        consumer.Assign(open);
        var remaining = open.Select(s => s.Partition.Value).ToHashSet();
        var points = new List<SensorPoint>();
        var invalid = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (!result.IsPartitionEOF)
            {
                var message = result.Message;
                // Earlier messages come only from partitions read from their start (see above).
                if (message.Timestamp.UtcDateTime >= from.UtcDateTime)
                {
                    var decoded = decoder.Decode(message.Key, message.Value, message.Value is null, new DateTimeOffset(message.Timestamp.UtcDateTime, TimeSpan.Zero));
                    if (decoded.IsValid)
                    {
                        points.Add(decoded.Point);
                    }
                    else
                    {
                        invalid++;
                    }
                }
            }

            if (result.IsPartitionEOF || result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                remaining.Remove(result.Partition.Value);
            }
        }

        consumer.Close();
        return (points, invalid);
    }
}
