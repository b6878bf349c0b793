using Confluent.Kafka;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Worker.Tests.Kafka;

public sealed class KafkaClientConfigsTests
{
    [Fact]
    public void On_the_embedded_broker_the_consumer_waits_briefly_for_records_unless_told_otherwise()
    {
        var embedded = new KafkaOptions { BootstrapServers = KafkaOptions.Embedded };
        Assert.Equal(KafkaClientConfigs.EmbeddedFetchWaitMaxMs, KafkaClientConfigs.Consumer(embedded, "127.0.0.1:9092").FetchWaitMaxMs);

        embedded.Consumer["fetch.wait.max.ms"] = "250";
        Assert.Equal(250, KafkaClientConfigs.Consumer(embedded, "127.0.0.1:9092").FetchWaitMaxMs);
    }

    [Fact]
    public void On_a_real_broker_the_consumer_keeps_librdkafkas_fetch_wait()
    {
        var real = new KafkaOptions { BootstrapServers = "kafka:9092" };
        Assert.Null(KafkaClientConfigs.Consumer(real, "kafka:9092").FetchWaitMaxMs);
        Assert.Equal(Acks.All, KafkaClientConfigs.Producer(real, "kafka:9092").Acks);
    }
}
