using System.Text;
using Confluent.Kafka;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.Infrastructure;

public sealed class PointFeedTests
{
    [Fact]
    public async Task A_message_on_the_input_topic_that_no_delivery_report_named_is_returned_as_a_copy_and_a_copy_of_a_point_must_be_predicted()
    {
        using var kafka = new EmbeddedKafkaFixture();
        var topic = $"feed-{Guid.NewGuid():N}";
        await kafka.CreateTopicAsync(topic, 1);
        using var feed = new PointFeed(kafka.BootstrapServers, topic);
        await feed.PointAsync("s", 0, 1.0);
        await feed.PointAsync("s", 1, 2.0);
        var repeated = feed.Sent[1];

        // What a producer's retry leaves behind: the same point a second time, and (for contrast) a message the feed never sent.
        using (var other = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            await other.ProduceAsync(topic, new Message<string, string> { Key = repeated.Key, Value = repeated.Value });
            await other.ProduceAsync(topic, new Message<string, string> { Key = "s", Value = "not a point" });
        }

        var onTopic = feed.SentAsOnTopic(TimeSpan.FromSeconds(30));

        Assert.Equal(4, onTopic.Count);
        var copies = onTopic.Where(m => m.Copy).ToList();
        Assert.Equal([(2L, true), (3L, false)], copies.Select(m => (m.Offset, m.Valid)));
        Assert.Equal(repeated.Value, copies[0].Value);

        // Predictions for the two points the feed reported: the copy has none, so it is lost, not ignored.
        var predictions = feed.Sent.Select(m => Prediction(m, m.Offset)).ToList();
        var audit = DeliveryAudit.Of(onTopic, predictions);
        Assert.Equal(3, audit.PointsIn);
        Assert.Equal(1, audit.InputCopies);
        Assert.Equal([2L], audit.Lost.Select(m => m.Offset));

        // With a prediction for the copy, exactly once holds.
        audit = DeliveryAudit.Of(onTopic, [.. predictions, Prediction(repeated, 2)]);
        Assert.Empty(audit.Lost);
        Assert.Equal(0, audit.Duplicates);
        Assert.Equal(0, audit.Unmatched);
    }

    private static Arrived Prediction(SentMessage input, long sourceOffset)
    {
        var headers = new Dictionary<string, string>
        {
            [OutputHeaders.SourcePartition] = input.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OutputHeaders.SourceOffset] = sourceOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new Arrived(new ReadMessage(input.Key, Encoding.UTF8.GetBytes(input.Value), headers, 0, sourceOffset), DateTimeOffset.UtcNow);
    }
}
