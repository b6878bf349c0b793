using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A message read back from a topic, with its headers as text.</summary>
public sealed record ReadMessage(string? Key, byte[]? Value, IReadOnlyDictionary<string, string> Headers, int Partition, long Offset)
{
    /// <summary>The value parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Value ?? []).RootElement.Clone();
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
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "reader-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        var messages = new List<ReadMessage>();
        var deadline = DateTime.UtcNow + timeout;
        var quietUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is not { } m)
            {
                continue;
            }

            var headers = (m.Headers ?? []).GroupBy(h => h.Key).ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.Last().GetValueBytes()));
            messages.Add(new ReadMessage(m.Key is null ? null : Encoding.UTF8.GetString(m.Key), m.Value, headers, result.Partition.Value, result.Offset.Value));
            if (messages.Count >= expected && quietUntil == DateTime.MaxValue)
            {
                // Everything expected is here; a short quiet period catches duplicates that would break "exactly one".
                quietUntil = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            }
        }

        consumer.Close();
        return messages;
    }
}
