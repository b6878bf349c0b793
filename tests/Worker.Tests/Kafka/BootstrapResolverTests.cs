using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Options;
using Streaming.Tools.Embedded;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Streaming.Worker.Tests.Kafka;

public class BootstrapResolverTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void No_broker_named_starts_no_broker_and_says_how_to_name_one(string servers)
    {
        var bootstrap = Bootstrap(servers);
        var ex = Assert.Throws<InvalidOperationException>(() => bootstrap.Servers);
        Assert.Contains("Kafka:BootstrapServers is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka__BootstrapServers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_named_explicitly_starts_the_registered_in_process_broker()
    {
        using var broker = new MockClusterBroker();
        var bootstrap = Bootstrap("embedded", broker);
        Assert.Matches(@"^127\.0\.0\.1:\d+$", bootstrap.Servers);
    }

    [Fact]
    public void Embedded_without_a_registered_broker_says_the_service_carries_none()
    {
        var bootstrap = Bootstrap("embedded");
        var ex = Assert.Throws<InvalidOperationException>(() => bootstrap.Servers);
        Assert.Contains("the service carries no embedded broker", ex.Message, StringComparison.Ordinal);
        Assert.Contains("src/Tools", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broker_address_is_used_as_given()
    {
        var bootstrap = Bootstrap("broker-1:9092,broker-2:9092");
        Assert.Equal("broker-1:9092,broker-2:9092", bootstrap.Servers);
    }

    private static BootstrapResolver Bootstrap(string servers, IEmbeddedBroker? embedded = null) => new(
        MsOptions.Create(new KafkaOptions { BootstrapServers = servers, EmbeddedPartitions = 1 }),
        MsOptions.Create(new IngestOptions()), MsOptions.Create(new OutputOptions()), MsOptions.Create(new StateOptions { Enabled = false }),
        NullLogger<BootstrapResolver>.Instance, embedded);
}
