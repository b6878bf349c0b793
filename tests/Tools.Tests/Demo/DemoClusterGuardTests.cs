using Streaming.Tools.Cli;
using Streaming.Tools.Demo;
using Streaming.Worker.Cli;

namespace Streaming.Tools.Tests.Demo;

public sealed class DemoClusterGuardTests
{
    [Theory]
    [InlineData("broker-1:9092")]
    [InlineData("10.0.0.5:9093,10.0.0.6:9093")]
    public async Task The_demo_pointed_at_a_cluster_refuses_before_it_writes_anything(string bootstrap)
    {
        var refused = await Assert.ThrowsAsync<DemoRefusedException>(() =>
            DemoCommand.RunAsync(ToolsCommandLine.Parse(["--bootstrap", bootstrap, "--duration", "1"]), TextWriter.Null));

        Assert.Equal(bootstrap, refused.Bootstrap);
        Assert.Contains($"run --bootstrap {bootstrap}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-demo-on-cluster", refused.Message, StringComparison.Ordinal);
        using var stderr = new StringWriter();
        Assert.Equal((int)ExitCode.DemoRefused, await CliFailure.ReportAsync(refused, stderr));
    }

    [Fact]
    public async Task A_cluster_named_in_configuration_is_refused_too() =>
        await Assert.ThrowsAsync<DemoRefusedException>(() =>
            DemoCommand.RunAsync(ToolsCommandLine.Parse(["demo", "--Kafka:BootstrapServers=kafka.internal:9092", "--duration", "1"]), TextWriter.Null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("embedded")]
    [InlineData(" Embedded ")]
    public void The_embedded_broker_is_the_demos_own(string? bootstrap) =>
        DemoCommand.RefuseForeignCluster(bootstrap, allowed: false);

    [Fact]
    public void The_explicit_switch_lets_the_demo_feed_a_cluster()
    {
        DemoCommand.RefuseForeignCluster("broker-1:9092", allowed: true);
        Assert.True(ToolsCommandLine.Parse(["demo", "--bootstrap", "broker-1:9092", "--allow-demo-on-cluster"]).GetValue(DemoCommand.AllowOnCluster));
    }
}
