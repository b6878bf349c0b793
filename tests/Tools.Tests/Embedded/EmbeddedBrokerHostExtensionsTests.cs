using Microsoft.Extensions.DependencyInjection;
using Streaming.Tools.Embedded;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;

namespace Streaming.Tools.Tests.Embedded;

public class EmbeddedBrokerHostExtensionsTests
{
    [Fact]
    public void The_demo_names_the_embedded_broker_only_when_no_broker_is_configured()
    {
        Assert.Equal("embedded", DetectorHost.CreateBuilder([]).DefaultToEmbeddedBroker().Configuration["Kafka:BootstrapServers"]);
        Assert.Equal("broker:9092", DetectorHost.CreateBuilder(["--Kafka:BootstrapServers=broker:9092"]).DefaultToEmbeddedBroker().Configuration["Kafka:BootstrapServers"]);
    }

    [Fact]
    public void Only_a_host_built_by_the_tools_has_an_embedded_broker()
    {
        using var service = DetectorHost.CreateBuilder([]).Build();
        using var tools = ToolsHost.CreateBuilder([]).Build();
        Assert.Null(service.Services.GetService<IEmbeddedBroker>());
        Assert.IsType<MockClusterBroker>(tools.Services.GetService<IEmbeddedBroker>());
    }
}
