using System.Text;
using Confluent.Kafka;
using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Output;

public class SourceHeadersTests
{
    [Fact]
    public void The_headers_name_the_input_topic_partition_and_offset_in_decimal_text()
    {
        var headers = new SourceHeaders().For(new TopicPartitionOffset("points", new Partition(3), new Offset(1234567890123)));

        Assert.Equal(["source.topic=points", "source.partition=3", "source.offset=1234567890123"], Texts(headers));
    }

    [Fact]
    public void Cached_values_follow_a_change_of_topic_and_partitions_beyond_the_first_64()
    {
        var sources = new SourceHeaders();
        sources.For(new TopicPartitionOffset("a", new Partition(1), new Offset(0)));

        var later = sources.For(new TopicPartitionOffset("b", new Partition(200), new Offset(7)));
        var earlier = sources.For(new TopicPartitionOffset("a", new Partition(1), new Offset(8)));

        Assert.Equal(["source.topic=b", "source.partition=200", "source.offset=7"], Texts(later));
        Assert.Equal(["source.topic=a", "source.partition=1", "source.offset=8"], Texts(earlier));
    }

    private static List<string> Texts(Headers headers) =>
        [.. headers.Select(h => $"{h.Key}={Encoding.UTF8.GetString(h.GetValueBytes())}")];
}
