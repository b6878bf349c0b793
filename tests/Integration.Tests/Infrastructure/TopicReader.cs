using Confluent.Kafka;

namespace Streaming.Integration.Tests.Infrastructure;

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
