using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A message read back from a topic, with its headers as text.</summary>
public sealed record ReadMessage(string? Key, byte[]? Value, IReadOnlyDictionary<string, string> Headers, int Partition, long Offset)
{
    /// <summary>The value parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Value ?? []).RootElement.Clone();

    /// <summary>The input message this output names in its <c>source.partition</c>/<c>source.offset</c> headers, or null.</summary>
    public (int Partition, long Offset)? Source =>
        Headers.TryGetValue(OutputHeaders.SourcePartition, out var partition) && Headers.TryGetValue(OutputHeaders.SourceOffset, out var offset)
            ? (int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture))
            : null;

    /// <summary>Copies a consumed message (headers with the same key: the last one wins).</summary>
    public static ReadMessage From(ConsumeResult<byte[]?, byte[]?> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Message;
        var headers = (m.Headers ?? []).GroupBy(h => h.Key).ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.Last().GetValueBytes()));
        return new ReadMessage(m.Key is null ? null : Encoding.UTF8.GetString(m.Key), m.Value, headers, result.Partition.Value, result.Offset.Value);
    }
}

/// <summary>Reads whole topics from the beginning of every partition, without a consumer group (no join delay).</summary>
public static class TopicReader
{
    /// <summary>
    /// Reads until at least <paramref name="expected"/> messages have arrived and no more come for a short
    /// quiet period, or until <paramref name="timeout"/>; returns everything read.
    /// </summary>
    public static List<ReadMessage> Read(string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        using var consumer = OpenFromBeginning(bootstrapServers, topic);
        var messages = new List<ReadMessage>();
        var deadline = DateTime.UtcNow + timeout;
        var quietUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null)
            {
                continue;
            }

            messages.Add(ReadMessage.From(result));
            if (messages.Count >= expected && quietUntil == DateTime.MaxValue)
            {
                // Everything expected is here; a short quiet period catches duplicates that would break "exactly one".
                quietUntil = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            }
        }

        consumer.Close();
        return messages;
    }

    /// <summary>
    /// A consumer assigned to every partition of <paramref name="topic"/> from the beginning, outside any group's
    /// rebalances. It reads committed data only (<c>read_committed</c>): aborted transactions never count as output.
    /// </summary>
    public static IConsumer<byte[]?, byte[]?> OpenFromBeginning(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
            return consumer;
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }
}
