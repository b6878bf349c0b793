using Microsoft.Extensions.Options;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Tests.Hosting;

public class DetectorHostTests
{
    [Fact]
    public void Running_the_worker_requires_a_broker()
    {
        using var none = DetectorHost.CreateBuilder([]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => none.RequireBroker("run"));
        Assert.StartsWith("Kafka:BootstrapServers is not set: run needs", Assert.Single(ex.Failures), StringComparison.Ordinal);

        using var named = DetectorHost.CreateBuilder(["--Kafka:BootstrapServers=broker-1:9092"]).Build();
        Assert.Same(named, named.RequireBroker("run"));
    }

    [Fact]
    public void The_service_refuses_the_embedded_broker_it_does_not_carry_and_the_tools_provide_it()
    {
        using var service = DetectorHost.CreateBuilder(["--Kafka:BootstrapServers=embedded"]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => service.RequireBroker("run"));
        Assert.Contains("the service carries no embedded broker", Assert.Single(ex.Failures), StringComparison.Ordinal);

        using var tools = Streaming.Tools.ToolsHost.CreateBuilder(["--Kafka:BootstrapServers=embedded"]).Build();
        Assert.Same(tools, tools.RequireBroker("run"));
    }
}
