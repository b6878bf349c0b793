using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>Produces test input, keyed by series id, and remembers where each message landed.</summary>
public sealed class PointFeed(string bootstrapServers, string topic) : IDisposable
{
    private readonly IProducer<string, string> _producer = new ProducerBuilder<string, string>(
        new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 2, Acks = Acks.All, EnableIdempotence = true }).Build();

    private readonly IProducer<byte[]?, byte[]?> _rawProducer = new ProducerBuilder<byte[]?, byte[]?>(
        new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 2, Acks = Acks.All, EnableIdempotence = true }).Build();

    private readonly List<SentMessage> _sent = [];

    /// <summary>Every message sent so far.</summary>
    public IReadOnlyList<SentMessage> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>
    /// Everything sent, and every message the input topic holds at an offset that no delivery report named: a producer
    /// retry after a lost connection can write a message twice (seen on the mock cluster with the only broker down),
    /// and the worker must then predict each copy as it does any other input. A copy of a valid point is valid.
    /// </summary>
    public IReadOnlyList<SentMessage> SentAsOnTopic(TimeSpan timeout)
    {
        var sent = Sent;
        var reported = sent.Select(m => (m.Partition, m.Offset)).ToHashSet();
        var valid = sent.Where(m => m.Valid).Select(m => (m.Key, m.Value)).ToHashSet();
        var copies = TopicReader.Read(bootstrapServers, topic, sent.Count, timeout)
            .Where(m => !reported.Contains((m.Partition, m.Offset)))
            .Select(m =>
            {
                var (key, value) = (m.Key ?? "", Encoding.UTF8.GetString(m.Value ?? []));
                return new SentMessage(key, value, valid.Contains((key, value)), m.Partition, m.Offset, Copy: true);
            });
        return [.. sent, .. copies];
    }

    /// <summary>Start of the test series' clock.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A valid point of <paramref name="series"/> at index <paramref name="i"/> (one minute apart).</summary>
    public Task PointAsync(string series, int i, double value) =>
        SendAsync(series, string.Create(CultureInfo.InvariantCulture,
            $"{{\"series\":\"{series}\",\"timestamp\":\"{Origin.AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{value:R}}}"), valid: true);

    /// <summary>Sends any payload; <paramref name="valid"/> records what the test expects of it.</summary>
    public async Task SendAsync(string key, string value, bool valid)
    {
        var result = await _producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value });
        lock (_sent)
        {
            _sent.Add(new SentMessage(key, value, valid, result.Partition.Value, result.Offset.Value));
        }
    }

    /// <summary>Sends raw bytes (for payloads no string can carry, such as invalid UTF-8); recorded with the value as Base64.</summary>
    public async Task<SentMessage> SendBytesAsync(byte[]? key, byte[]? value, bool valid)
    {
        var result = await _rawProducer.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = key, Value = value });
        var sent = new SentMessage(key is null ? "" : Convert.ToBase64String(key), value is null ? "" : Convert.ToBase64String(value), valid, result.Partition.Value, result.Offset.Value);
        lock (_sent)
        {
            _sent.Add(sent);
        }

        return sent;
    }

    /// <summary>Produces a batch without waiting for each delivery (for volume), then waits for all of them.</summary>
    public async Task PointsAsync(IEnumerable<(string Series, int Index, double Value)> points)
    {
        var pending = points.Select(p => PointAsync(p.Series, p.Index, p.Value)).ToList();
        await Task.WhenAll(pending);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _producer.Dispose();
        _rawProducer.Dispose();
    }
}
