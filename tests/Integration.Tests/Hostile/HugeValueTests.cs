using System.Globalization;
using Confluent.Kafka;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.Hostile;

/// <summary>A 10 MB value, ten times the producer's default message size, among valid points.</summary>
public sealed class HugeValueTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int HugeBytes = 10 * 1024 * 1024;

    [Fact]
    public async Task A_ten_megabyte_value_is_dead_lettered_truncated_with_its_size_and_the_points_around_it_are_predicted()
    {
        var topics = await TestTopics.CreateAsync(kafka, "huge");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, "huge-" + Guid.NewGuid().ToString("N"));

        // Sent to its own key with a producer allowed to send it; the worker's consumer must take it like any other message.
        var huge = new byte[HugeBytes];
        Array.Fill(huge, (byte)'7');
        "{\"series\":\"big\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":"u8.CopyTo(huge);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            MessageMaxBytes = HugeBytes + (1024 * 1024),
        }).Build();
        await feed.PointsAsync(Enumerable.Range(0, 50).Select(i => ("around", i, Math.Sin(i / 5.0))));
        var sentHuge = await producer.ProduceAsync(topics.Input, new Message<string, byte[]> { Key = "huge-value", Value = huge });
        await feed.PointsAsync(Enumerable.Range(50, 50).Select(i => ("around", i, Math.Sin(i / 5.0))));

        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, 100, TimeSpan.FromMinutes(2));
        Assert.Equal(100, predictions.Count);
        var letters = TopicReader.Read(kafka.BootstrapServers, topics.DeadLetters, 1, TimeSpan.FromMinutes(2));
        var letter = Assert.Single(letters);
        Assert.Equal("payload-too-large", letter.Headers[OutputHeaders.Error]);
        Assert.Equal(HugeBytes.ToString(CultureInfo.InvariantCulture), letter.Headers[OutputHeaders.TruncatedFrom]);
        Assert.Equal(sentHuge.Offset.Value.ToString(CultureInfo.InvariantCulture), letter.Headers[OutputHeaders.SourceOffset]);
        Assert.Equal(OutputPublisher.DeadLetterMaxValueBytes, letter.Value!.Length);
    }
}
