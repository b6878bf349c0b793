using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Streaming.Worker.Output;

/// <summary>
/// The <c>source.topic</c>, <c>source.partition</c> and <c>source.offset</c> headers of an output. A worker reads one
/// topic over a few dozen partitions, so the topic's and each partition's header values are encoded once and shared by
/// every output (the producer copies them and never writes to them); only the offset is new per message.
/// Not thread-safe: used by the publishing thread.
/// </summary>
public sealed class SourceHeaders
{
    private string? _topic;
    private byte[] _topicBytes = [];
    private byte[]?[] _partitions = new byte[]?[64];

    /// <summary>A new header list naming <paramref name="source"/>.</summary>
    public Headers For(TopicPartitionOffset source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = new Headers();
        AddTo(headers, source);
        return headers;
    }

    /// <summary>Adds the three headers naming <paramref name="source"/> to <paramref name="headers"/>.</summary>
    public void AddTo(Headers headers, TopicPartitionOffset source)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(source);
        headers.Add(OutputHeaders.SourceTopic, TopicBytes(source.Topic));
        headers.Add(OutputHeaders.SourcePartition, PartitionBytes(source.Partition.Value));
        headers.Add(OutputHeaders.SourceOffset, Decimal(source.Offset.Value));
    }

    private byte[] TopicBytes(string topic)
    {
        // Ordinal equality: the consumer hands out the same topic string instance only sometimes.
        if (!string.Equals(topic, _topic, StringComparison.Ordinal))
        {
            _topicBytes = Encoding.UTF8.GetBytes(topic);
            _topic = topic;
        }

        return _topicBytes;
    }

    private byte[] PartitionBytes(int partition)
    {
        if (partition < 0)
        {
            return Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture));
        }

        if (partition >= _partitions.Length)
        {
            Array.Resize(ref _partitions, Math.Max(partition + 1, _partitions.Length * 2));
        }

        return _partitions[partition] ??= Decimal(partition);
    }

    private static byte[] Decimal(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        return digits[..written].ToArray();
    }
}
