using System.Net;
using Streaming.Worker.Cli;

namespace Streaming.Worker.Tests.Cli;

public class HealthCommandTests
{
    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Health_exits_0_only_when_readiness_answers_200(int status, int exit)
    {
        var port = LocalPorts.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var asked = AnswerOnceAsync(listener, status);
        using var output = new StringWriter();
        var code = await HealthCommand.RunAsync([$"--Telemetry:HealthUrl=http://127.0.0.1:{port}/"], live: false, output);
        Assert.Equal("/health/ready", await asked);
        Assert.Equal(exit, code);
        Assert.Contains($"{status}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_exits_1_when_nothing_answers()
    {
        using var output = new StringWriter();
        var code = await HealthCommand.RunAsync([$"--Telemetry:HealthUrl=http://127.0.0.1:{LocalPorts.Free()}/"], live: false, output);
        Assert.Equal(1, code);
        Assert.Contains("no answer", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:8081/", "http://127.0.0.1:8081/health/ready")]
    [InlineData("http://0.0.0.0:8081/", "http://127.0.0.1:8081/health/ready")]
    [InlineData("http://worker:9000/", "http://worker:9000/health/ready")]
    public void A_prefix_on_every_interface_is_probed_on_loopback(string prefix, string probed) =>
        Assert.Equal(new Uri(probed), HealthCommand.ProbeUrl(prefix, "health/ready"));

    private static async Task<string> AnswerOnceAsync(HttpListener listener, int status)
    {
        var context = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
        context.Response.StatusCode = status;
        context.Response.Close();
        return context.Request.Url!.AbsolutePath;
    }
}
