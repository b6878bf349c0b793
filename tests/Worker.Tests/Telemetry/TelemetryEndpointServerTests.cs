using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Streaming.Worker.Health;
using Streaming.Worker.Options;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Telemetry;

/// <summary>
/// The Kestrel endpoints on their own: health checks whose results the test sets, the detector's real metrics, free
/// ports on 127.0.0.1.
/// </summary>
public sealed class TelemetryEndpointServerTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;
    private HealthStatus _live = HealthStatus.Healthy;
    private HealthStatus _ready = HealthStatus.Unhealthy;

    public TelemetryEndpointServerTests()
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(_logs))
            .AddMetrics()
            .AddSingleton<DetectorMetrics>();
        services.AddHealthChecks()
            .AddCheck("loops", () => new HealthCheckResult(_live, "threads running"), tags: [LoopsAliveCheck.Tag])
            .AddCheck("ready", () => new HealthCheckResult(_ready, "partitions", data: new Dictionary<string, object> { ["partitions"] = 3 }), tags: [WorkerReadyCheck.Tag]);
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task Live_and_ready_answer_200_or_503_with_a_json_body_naming_each_check()
    {
        var health = $"http://127.0.0.1:{LocalPorts.Free()}/";
        using var server = await StartAsync(health, "");

        var live = await GetAsync(health + "health/live");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("application/json", live.ContentType);
        Assert.Equal("Healthy", live.Json.GetProperty("status").GetString());
        var loops = live.Json.GetProperty("checks").GetProperty("loops");
        Assert.Equal("Healthy", loops.GetProperty("status").GetString());
        Assert.Equal("threads running", loops.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Object, loops.GetProperty("data").ValueKind);
        Assert.False(live.Json.GetProperty("checks").TryGetProperty("ready", out _), "liveness ran the readiness check");

        var ready = await GetAsync(health + "health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", ready.Json.GetProperty("status").GetString());
        var check = ready.Json.GetProperty("checks").GetProperty("ready");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal("3", check.GetProperty("data").GetProperty("partitions").GetString());
        Assert.False(ready.Json.GetProperty("checks").TryGetProperty("loops", out _), "readiness ran the liveness check");

        var all = await GetAsync(health + "health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, all.Status);
        Assert.Equal(["loops", "ready"], all.Json.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order());

        // Each request runs the checks again: nothing is cached.
        _ready = HealthStatus.Healthy;
        _live = HealthStatus.Unhealthy;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(health + "health/ready")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(health + "health/live")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(health + "nothing-here")).Status);

        // Kestrel's and the hosting layer's information lines ("Now listening on", one line per request) stay out of
        // the worker's log, which still has the endpoints' own start line.
        Assert.Contains(_logs.Messages, m => m.StartsWith("Telemetry endpoints: health " + health, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        Assert.DoesNotContain(_logs.Entries, e => e.Category.StartsWith("Microsoft.Hosting", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format_under_the_detector_names()
    {
        var metricsUrl = $"http://127.0.0.1:{LocalPorts.Free()}/";
        using var server = await StartAsync("", metricsUrl);
        var metrics = _services.GetRequiredService<DetectorMetrics>();
        metrics.PointsIn(3);
        metrics.Anomaly("high");
        metrics.DeadLetter("malformed-json");
        metrics.Batch(5, 0.25f);

        using var response = await _http.GetAsync(new Uri(metricsUrl + "metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        // Other tests' detectors in this process count on the same meter name: at least what this one recorded.
        Assert.Matches(@"(?m)^# TYPE detector_points_in_total counter$", text);
        Assert.True(Value(text, "detector_points_in_total") >= 3, text);
        Assert.Matches(@"(?m)^detector_anomalies_total\{[^}]*severity=""high""[^}]*\} \d", text);
        Assert.Matches(@"(?m)^detector_dead_letters_total\{[^}]*reason=""malformed-json""[^}]*\} \d", text);
        Assert.Matches(@"(?m)^# TYPE detector_batch_size histogram$", text);
        Assert.Matches(@"(?m)^detector_batch_size_bucket\{[^}]*le=""\+Inf""[^}]*\} \d", text);
        Assert.Contains(TelemetryEndpointServer.ServiceName, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_path_answers_only_on_its_own_port()
    {
        var health = $"http://127.0.0.1:{LocalPorts.Free()}/";
        var metrics = $"http://127.0.0.1:{LocalPorts.Free()}/";
        using var server = await StartAsync(health, metrics);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(health + "health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(metrics + "metrics")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(health + "metrics")).Status);
        foreach (var path in new[] { "health/live", "health/ready", "health" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(metrics + path)).Status);
        }
    }

    [Theory]
    [InlineData("+")]
    [InlineData("*")]
    [InlineData("0.0.0.0")]
    [InlineData("localhost")]
    public async Task Every_interface_and_localhost_hosts_answer_on_loopback(string host)
    {
        var port = LocalPorts.Free();
        using var server = await StartAsync($"http://{host}:{port}/", "");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"http://127.0.0.1:{port}/health/live")).Status);
    }

    [Theory]
    [InlineData("Telemetry:HealthUrl", "Telemetry:PrometheusUrl")]
    [InlineData("Telemetry:PrometheusUrl", "Telemetry:HealthUrl")]
    public async Task A_port_in_use_fails_start_naming_its_key_and_leaves_no_port_open(string takenKey, string otherKey)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenUrl = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}/";
        var otherPort = LocalPorts.Free();
        var otherUrl = $"http://127.0.0.1:{otherPort}/";
        var (health, metrics) = takenKey == "Telemetry:HealthUrl" ? (takenUrl, otherUrl) : (otherUrl, takenUrl);
        using var server = Create(health, metrics);

        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => server.StartAsync(CancellationToken.None));
        Assert.Contains(takenKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains(takenUrl, ex.Message, StringComparison.Ordinal);
        Assert.Contains("free port", ex.Message, StringComparison.Ordinal);
        // The endpoint that could bind was let go again with the one that could not.
        Assert.Equal(SocketError.ConnectionRefused, LocalPorts.ConnectError(otherPort));
        // The failure is the exception alone (the worker's host logs it): the web app's own host does not log it too.
        Assert.DoesNotContain(_logs.Entries, e => e.Category.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_both_endpoints_off_nothing_listens_and_stop_is_harmless()
    {
        using var server = await StartAsync("", "");
        await server.StopAsync(CancellationToken.None);
        Assert.Contains(_logs.Messages, m => m.Contains("health (off); Prometheus scrape endpoint (off)", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
    }

    private TelemetryEndpointServer Create(string health, string metrics) => new(
        _services.GetRequiredService<HealthCheckService>(),
        Microsoft.Extensions.Options.Options.Create(new TelemetryOptions { HealthUrl = health, PrometheusUrl = metrics }),
        _services.GetRequiredService<ILoggerFactory>(),
        _services.GetRequiredService<ILogger<TelemetryEndpointServer>>());

    private async Task<StartedServer> StartAsync(string health, string metrics)
    {
        var server = Create(health, metrics);
        await server.StartAsync(CancellationToken.None);
        return new StartedServer(server);
    }

    private async Task<(HttpStatusCode Status, string? ContentType, JsonElement Json)> GetAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    private static double Value(string text, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, $@"(?m)^{name}(\{{[^}}]*\}})? (?<value>\S+)");
        Assert.True(match.Success, $"no {name} in\n{text}");
        return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stops the server at the end of a test (a failed assertion included), as the host would.</summary>
    private sealed class StartedServer(TelemetryEndpointServer server) : IDisposable
    {
        public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

        public void Dispose()
        {
            server.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            server.Dispose();
        }
    }
}
