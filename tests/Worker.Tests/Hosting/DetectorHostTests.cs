using Microsoft.Extensions.Options;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Tests.Hosting;

public class DetectorHostTests
{
    [Fact]
    public void The_demo_names_the_embedded_broker_only_when_no_broker_is_configured()
    {
        Assert.Equal("embedded", DetectorHost.CreateBuilder([]).DefaultToEmbeddedBroker().Configuration["Kafka:BootstrapServers"]);
        Assert.Equal("broker:9092", DetectorHost.CreateBuilder(["--Kafka:BootstrapServers=broker:9092"]).DefaultToEmbeddedBroker().Configuration["Kafka:BootstrapServers"]);
    }

    [Fact]
    public void Running_the_worker_requires_a_broker()
    {
        using var none = DetectorHost.CreateBuilder([]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => none.RequireBroker("run"));
        Assert.StartsWith("Kafka:BootstrapServers is not set: run needs", Assert.Single(ex.Failures), StringComparison.Ordinal);

        using var named = DetectorHost.CreateBuilder(["--Kafka:BootstrapServers=embedded"]).Build();
        Assert.Same(named, named.RequireBroker("run"));
    }
}
