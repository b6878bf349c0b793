using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Streaming.Worker.Health;
using Streaming.Worker.Options;

namespace Streaming.Worker.Telemetry;

/// <summary>
/// The worker's telemetry while its host runs: the detector's meter exported with OpenTelemetry (a Prometheus scrape
/// endpoint at <c>/metrics</c> on <c>Telemetry:PrometheusUrl</c>, OTLP to <c>Telemetry:OtlpEndpoint</c> when set), and
/// the ASP.NET Core health check endpoints <c>/health/live</c>, <c>/health/ready</c> and <c>/health</c> on
/// <c>Telemetry:HealthUrl</c>, both HTTP endpoints served by one slim Kestrel app. Each path answers only on its own
/// port. Everything is built in <see cref="StartAsync"/>, not at registration, so a host that is only built (options
/// validation, replay) opens no port.
/// </summary>
public sealed partial class TelemetryEndpointServer(
    HealthCheckService checks,
    IOptions<TelemetryOptions> telemetry,
    ILoggerFactory loggers,
    ILogger<TelemetryEndpointServer> logger) : IHostedService, IDisposable
{
    /// <summary>The <c>service.name</c> the metrics carry.</summary>
    public const string ServiceName = "streaming-anomaly-detector";

    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    private MeterProvider? _provider;
    private WebApplication? _app;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = telemetry.Value;
        var health = !string.IsNullOrWhiteSpace(options.HealthUrl);
        var prometheus = !string.IsNullOrWhiteSpace(options.PrometheusUrl);
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        if (prometheus || otlp)
        {
            _provider = BuildMeterProvider(options, prometheus, otlp);
        }

        if (health || prometheus)
        {
            var app = BuildApp(options, health, prometheus);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Whatever stopped it (a port in use, cancellation), let go of every port that did bind, and the provider.
                await app.DisposeAsync().ConfigureAwait(false);
                Dispose();
                if (ex is IOException or SocketException)
                {
                    throw Unavailable(options, health, prometheus, ex);
                }

                throw;
            }

            _app = app;
        }

        LogServing(logger,
            health ? options.HealthUrl + "health/live, /health/ready, /health" : "(off)",
            prometheus ? options.PrometheusUrl.TrimEnd('/') + MetricsPath : "(off)",
            otlp ? $"{options.OtlpEndpoint} ({options.OtlpProtocol}, every {options.ExportIntervalSeconds} s)" : "(off)");
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            try
            {
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }

        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // WebApplication is an IHost: its synchronous Dispose stops nothing gracefully but releases the ports.
        ((IDisposable?)_app)?.Dispose();
        _app = null;
        _provider?.Dispose();
        _provider = null;
    }

    private static MeterProvider BuildMeterProvider(TelemetryOptions options, bool prometheus, bool otlp)
    {
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService(ServiceName))
            .AddMeter(DetectorMetrics.MeterName);
        if (prometheus)
        {
            // The scrape middleware finds this exporter in the provider it is given (see BuildApp).
            builder.AddPrometheusExporter();
        }

        if (otlp)
        {
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(options.OtlpEndpoint);
                exporter.Protocol = options.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ExportIntervalSeconds * 1000;
            });
        }

        return builder.Build();
    }

    private WebApplication BuildApp(TelemetryOptions options, bool health, bool prometheus)
    {
        // The empty builder reads no configuration file, environment variable or command line of its own (no
        // ASPNETCORE_URLS, no Kestrel section): it listens exactly where Telemetry:* says and nowhere else.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TelemetryEndpointServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (health)
            {
                Listen(kestrel, options.HealthUrl);
            }

            if (prometheus)
            {
                Listen(kestrel, options.PrometheusUrl);
            }
        });

        // Kestrel and the hosting layer log through the worker's own logging, warnings and errors only: no request
        // lines or "Now listening" chatter among the detector's logs. The web app's generic host logs nothing: its
        // start and stop failures come out of StartAsync/StopAsync, and the worker's host logs them once (a port in
        // use as the EndpointUnavailableException that names the key), not twice.
        builder.Logging.ClearProviders().AddProvider(new HostLoggerProvider(loggers)).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        // The worker host's own checks (registered as an instance, so the web app never disposes them).
        builder.Services.AddSingleton(checks);

        var app = builder.Build();
        if (health)
        {
            var port = TelemetryOptions.HostAndPort(options.HealthUrl).Port;
            app.UseHealthChecks("/health/live", port, HealthOptions(r => r.Tags.Contains(LoopsAliveCheck.Tag)));
            app.UseHealthChecks("/health/ready", port, HealthOptions(r => r.Tags.Contains(WorkerReadyCheck.Tag)));
            app.UseHealthChecks("/health", port, HealthOptions(_ => true));
        }

        if (prometheus)
        {
            var port = TelemetryOptions.HostAndPort(options.PrometheusUrl).Port;
            // The provider built at start (not one from DI, which the web app has none of); with a predicate the
            // exporter ignores the path argument.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                _provider!,
                context => context.Connection.LocalPort == port && context.Request.Path == MetricsPath,
                path: null!,
                configureBranchedPipeline: null!,
                optionsName: null!);
        }

        return app;
    }

    // The health paths are restricted to the health port by the connection's local port (UseHealthChecks' port
    // argument), not by the Host header (RequireHost): behind a port mapping (docker -p 18081:8081, kubectl
    // port-forward) the Host header names the outside port, and the checks would answer 404.
    private static HealthCheckOptions HealthOptions(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = HealthReportJson.WriteAsync,
    };

    /// <summary>
    /// Listens on <c>http://HOST:PORT/</c> as Kestrel understands it: <c>+</c> or <c>*</c> (HttpListener's "every
    /// interface") and any host name other than <c>localhost</c> on every interface, <c>localhost</c> on both
    /// loopbacks, an IP address on that address alone.
    /// </summary>
    private static void Listen(KestrelServerOptions kestrel, string url)
    {
        var (host, port) = TelemetryOptions.HostAndPort(url);
        if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port);
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port);
        }
        else
        {
            kestrel.ListenAnyIP(port);
        }
    }

    private static EndpointUnavailableException Unavailable(TelemetryOptions options, bool health, bool prometheus, Exception ex)
    {
        // Kestrel names the address it could not bind ("Failed to bind to address http://127.0.0.1:8081: address
        // already in use."); the two ports differ (TelemetryOptionsValidator), so the port says which key to change.
        var named = PortInMessage().Matches(ex.Message).Select(m => int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture)).ToHashSet();
        var healthFailed = health && (!prometheus || named.Contains(TelemetryOptions.HostAndPort(options.HealthUrl).Port));
        var metricsFailed = prometheus && (!health || named.Contains(TelemetryOptions.HostAndPort(options.PrometheusUrl).Port));
        return (healthFailed, metricsFailed) switch
        {
            (true, false) => new EndpointUnavailableException(
                $"The health endpoint could not listen on {options.HealthUrl} ({ex.Message}). Set Telemetry:HealthUrl to a free port, or empty to turn it off.", ex),
            (false, true) => new EndpointUnavailableException(
                $"The metrics endpoint could not listen on {options.PrometheusUrl} ({ex.Message}). Set Telemetry:PrometheusUrl to a free port, or empty to turn it off.", ex),
            _ => new EndpointUnavailableException(
                $"The health or metrics endpoint could not listen on {options.HealthUrl} or {options.PrometheusUrl} ({ex.Message}). Set Telemetry:HealthUrl and Telemetry:PrometheusUrl to free ports, or empty to turn them off.", ex),
        };
    }

    [GeneratedRegex(@":(?<port>\d{1,5})(?!\d)")]
    private static partial Regex PortInMessage();

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry endpoints: health {Health}; Prometheus scrape endpoint {Prometheus}; OTLP {Otlp}")]
    private static partial void LogServing(ILogger logger, string health, string prometheus, string otlp);
}
