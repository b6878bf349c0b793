using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Telemetry;

public class KafkaStatisticsTests
{
    [Fact]
    public void Consumer_lag_is_summed_per_topic_over_known_partitions()
    {
        const string json = """
            {"name":"rdkafka#consumer-1","type":"consumer","topics":{
              "sensor-points":{"topic":"sensor-points","partitions":{
                "0":{"partition":0,"consumer_lag":5},
                "1":{"partition":1,"consumer_lag":7},
                "2":{"partition":2,"consumer_lag":-1},
                "-1":{"partition":-1,"consumer_lag":-1}}},
              "other":{"topic":"other","partitions":{"0":{"partition":0,"consumer_lag":-1}}}}}
            """;
        var lag = KafkaStatistics.ConsumerLagByTopic(json);
        Assert.Equal(12, lag["sensor-points"]);
        Assert.False(lag.ContainsKey("other"));
    }

    [Fact]
    public void Statistics_without_topics_give_no_lag() =>
        Assert.Empty(KafkaStatistics.ConsumerLagByTopic("""{"name":"rdkafka#producer-1","type":"producer"}"""));

    [Fact]
    public void Brokers_up_counts_connections_in_state_up_bootstrap_included()
    {
        const string json = """
            {"name":"rdkafka#consumer-1","brokers":{
              "127.0.0.1:9092/bootstrap":{"nodeid":-1,"state":"UP"},
              "127.0.0.1:9092/1":{"nodeid":1,"state":"UP"},
              "127.0.0.1:9093/2":{"nodeid":2,"state":"CONNECT"}}}
            """;
        Assert.Equal(2, KafkaStatistics.BrokersUp(json));
        Assert.Equal(0, KafkaStatistics.BrokersUp("""{"brokers":{"a/1":{"state":"DOWN"},"b/2":{"state":"TRY_CONNECT"}}}"""));
        Assert.Equal(0, KafkaStatistics.BrokersUp("""{"name":"rdkafka#consumer-1"}"""));
    }
}
