using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Worker.Detection;
using Streaming.Worker.Hosting;
using Streaming.Worker.Options;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Hosting;

public class TelemetryHostingTests
{
    [Fact]
    public void Building_a_host_and_using_its_engine_opens_no_listener()
    {
        var metricsPort = FreePort();
        var healthPort = FreePort();
        using var host = DetectorHost.CreateBuilder([],
        [
            new("Telemetry:PrometheusUrl", $"http://127.0.0.1:{metricsPort}/"),
            new("Telemetry:HealthUrl", $"http://127.0.0.1:{healthPort}/"),
        ]).Build().ValidateOptions();
        Assert.NotNull(host.Services.GetRequiredService<DetectionEngine>());
        Assert.NotNull(host.Services.GetRequiredService<DetectorMetrics>());

        // Both ports are still free: nothing listens until the host is started.
        foreach (var port in new[] { metricsPort, healthPort })
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
        }
    }

    [Theory]
    [InlineData("Telemetry:PrometheusUrl", "127.0.0.1:9464")]
    [InlineData("Telemetry:PrometheusUrl", "http://127.0.0.1:9464")]
    [InlineData("Telemetry:HealthUrl", "http://127.0.0.1/")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("Telemetry:StallSeconds", "0")]
    public void A_bad_telemetry_setting_names_its_key(string key, string value)
    {
        using var host = DetectorHost.CreateBuilder([], [new(key, value)]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_port_for_metrics_and_health_is_refused()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { PrometheusUrl = "http://+:9000/", HealthUrl = "http://+:9000/" });
        Assert.Contains("Telemetry:HealthUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:9464/", "+", 9464)]
    [InlineData("http://127.0.0.1:8081/", "127.0.0.1", 8081)]
    public void Listener_prefixes_split_into_host_and_port(string url, string host, int port) =>
        Assert.Equal((host, port), TelemetryOptions.HostAndPort(url));

    [Fact]
    public void Empty_urls_turn_the_endpoints_off_and_are_valid() =>
        Assert.True(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { PrometheusUrl = "", HealthUrl = "" }).Succeeded);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
