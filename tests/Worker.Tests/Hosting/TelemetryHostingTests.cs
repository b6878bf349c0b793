using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Tools;
using Streaming.Worker.Hosting;
using Streaming.Worker.Options;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Hosting;

public class TelemetryHostingTests
{
    [Fact]
    public async Task Building_a_host_and_using_its_engine_opens_no_listener_until_its_endpoints_start()
    {
        var metricsPort = LocalPorts.Free();
        var healthPort = LocalPorts.Free();
        // The health server's checks need a broker to name: the in-process one, started only when they ask.
        using var host = ToolsHost.CreateBuilder([],
        [
            new("Kafka:BootstrapServers", "embedded"),
            new("Telemetry:PrometheusUrl", $"http://127.0.0.1:{metricsPort}/"),
            new("Telemetry:HealthUrl", $"http://127.0.0.1:{healthPort}/"),
        ]).Build().ValidateOptions();
        var engine = host.Services.GetRequiredService<DetectionEngine>();
        var results = new DetectionResult[1];
        engine.Process([new SensorPoint("s", DateTimeOffset.UnixEpoch, 1.0)], results);
        Assert.Equal(SeriesPhase.Filling, results[0].Phase);

        // Nothing listens while the host is only built: a connection to either port is refused.
        Assert.Equal(SocketError.ConnectionRefused, LocalPorts.ConnectError(metricsPort));
        Assert.Equal(SocketError.ConnectionRefused, LocalPorts.ConnectError(healthPort));

        // The control: this host's own endpoint services, started, listen on exactly those ports, so the refusals
        // above are the host not listening rather than the wrong ports probed.
        using var endpoints = ActivatorUtilities.CreateInstance<TelemetryEndpointServer>(host.Services);
        await endpoints.StartAsync(CancellationToken.None);
        try
        {
            host.Services.GetRequiredService<DetectorMetrics>().PointsIn(3);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var scrape = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            Assert.Matches(@"(?m)^detector_points_in_total(\{[^}]*\})? 3( |$)", scrape);
            using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/health/live"));
            Assert.Contains("\"loops\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await endpoints.StopAsync(CancellationToken.None);
        }

        // Stopped, the ports are free again.
        Assert.Equal(SocketError.ConnectionRefused, LocalPorts.ConnectError(metricsPort));
        Assert.Equal(SocketError.ConnectionRefused, LocalPorts.ConnectError(healthPort));
    }

    [Fact]
    public async Task A_host_whose_health_port_is_taken_fails_to_start_naming_the_key()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var host = ToolsHost.CreateBuilder([],
        [
            new("Kafka:BootstrapServers", "embedded"),
            new("Telemetry:PrometheusUrl", $"http://127.0.0.1:{LocalPorts.Free()}/"),
            new("Telemetry:HealthUrl", $"http://127.0.0.1:{port}/"),
        ]).Build().ValidateOptions();

        // What `run` turns into exit code 7 (CliFailure): the endpoint server starts before the detector does.
        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => host.StartAsync());
        Assert.Contains("Telemetry:HealthUrl", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Telemetry:PrometheusUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telemetry:PrometheusUrl", "127.0.0.1:9464")]
    [InlineData("Telemetry:PrometheusUrl", "http://127.0.0.1:9464")]
    [InlineData("Telemetry:HealthUrl", "http://127.0.0.1/")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("Telemetry:StallSeconds", "0")]
    [InlineData("Telemetry:HealthUrl", "https://127.0.0.1:8081/")] // the endpoints have no certificate
    [InlineData("Telemetry:PrometheusUrl", "http://127.0.0.1:70000/")]
    [InlineData("Telemetry:HealthUrl", "http://127.0.0.1:0/")]
    public void A_bad_telemetry_setting_names_its_key(string key, string value)
    {
        using var host = ToolsHost.CreateBuilder([], [new(key, value)]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://+:9000/", "http://+:9000/")]
    [InlineData("http://127.0.0.1:9000/", "http://localhost:9000/")]
    public void The_same_port_for_metrics_and_health_is_refused(string metrics, string health)
    {
        // One Kestrel server serves both and tells them apart by the port a request arrives on.
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { PrometheusUrl = metrics, HealthUrl = health });
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
}
