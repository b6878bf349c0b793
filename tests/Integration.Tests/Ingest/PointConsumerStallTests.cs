using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Ingest.Offsets;
using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests.Ingest;

/// <summary>The consume loop when the pipeline behind it stalls for longer than max.poll.interval.ms.</summary>
public sealed class PointConsumerStallTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task A_stall_longer_than_the_poll_interval_keeps_the_consumer_in_its_group_and_reads_nothing_twice()
    {
        var topic = "stall-" + Guid.NewGuid().ToString("N");
        await kafka.CreateTopicAsync(topic, 4);
        const int messages = 400;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < messages; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"s{i % 8}", Value = $"{{\"timestamp\":{i},\"value\":{i}}}" });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "stall-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoOffsetStore = false,
            SessionTimeoutMs = 2000,
            HeartbeatIntervalMs = 200,
            // A member that does not poll for this long is dropped from the group and its partitions are read again.
            MaxPollIntervalMs = 3000,
        };
        using var consumer = new PointConsumer(config, topic, new PointDecoder(), new OffsetTracker(), channelCapacity: 10, NullLogger<PointConsumer>.Instance);
        consumer.Start();

        var read = new List<InboundRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await ReadAsync(consumer, read, 10, timeout.Token);
        // The pipeline stalls: nothing is taken from the full channel for more than twice max.poll.interval.ms.
        await Task.Delay(TimeSpan.FromMilliseconds(7000));
        await ReadAsync(consumer, read, messages, timeout.Token);
        await Task.Delay(1000);
        while (consumer.Records.TryRead(out var extra))
        {
            read.Add(extra);
        }

        consumer.StopConsuming();
        var offsets = read.Select(r => (r.Source.Partition.Value, r.Source.Offset.Value)).ToList();
        Assert.Equal(messages, offsets.Distinct().Count());
        Assert.Equal(messages, offsets.Count);
        Assert.All(read, r => Assert.True(r.Decoded.IsValid, Encoding.UTF8.GetString(r.Value ?? [])));
    }

    private static async Task ReadAsync(PointConsumer consumer, List<InboundRecord> read, int until, CancellationToken cancel)
    {
        while (read.Count < until)
        {
            read.Add(await consumer.Records.ReadAsync(cancel));
        }
    }
}
