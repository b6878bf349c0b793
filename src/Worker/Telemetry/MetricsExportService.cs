using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Streaming.Worker.Options;

namespace Streaming.Worker.Telemetry;

/// <summary>
/// Exports the detector's meter with OpenTelemetry while the host runs: a Prometheus scrape endpoint on
/// <c>Telemetry:PrometheusUrl</c> (path <c>/metrics</c>) and OTLP to <c>Telemetry:OtlpEndpoint</c> when set.
/// The provider is built in <see cref="StartAsync"/>, not at registration, so a host that is only built (options
/// validation, replay) opens no port.
/// </summary>
public sealed partial class MetricsExportService(IOptions<TelemetryOptions> telemetry, ILogger<MetricsExportService> logger) : IHostedService, IDisposable
{
    /// <summary>The <c>service.name</c> the metrics carry.</summary>
    public const string ServiceName = "streaming-anomaly-detector";

    private MeterProvider? _provider;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = telemetry.Value;
        var prometheus = !string.IsNullOrWhiteSpace(options.PrometheusUrl);
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        if (!prometheus && !otlp)
        {
            return Task.CompletedTask;
        }

        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService(ServiceName))
            .AddMeter(DetectorMetrics.MeterName);
        if (prometheus)
        {
            var (_, port) = TelemetryOptions.HostAndPort(options.PrometheusUrl);
            builder.AddPrometheusHttpListener(o =>
            {
                // The exporter's Host must be a URI host name, which rules out "+" (every interface); so listen on
                // exactly the configured prefix instead of the one it derives.
                o.Port = port;
                o.ConfigureHttpListener = (_, listener) =>
                {
                    listener.Prefixes.Clear();
                    listener.Prefixes.Add(options.PrometheusUrl);
                };
            });
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

        try
        {
            _provider = builder.Build();
        }
        catch (InvalidOperationException ex)
        {
            throw new EndpointUnavailableException($"The metrics endpoint could not listen on {options.PrometheusUrl} ({ex.InnerException?.Message ?? ex.Message}). Set Telemetry:PrometheusUrl to a free port, or empty to turn it off.", ex);
        }

        LogExporting(logger, prometheus ? options.PrometheusUrl + "metrics" : "(off)", otlp ? $"{options.OtlpEndpoint} ({options.OtlpProtocol}, every {options.ExportIntervalSeconds} s)" : "(off)");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _provider?.Dispose();
        _provider = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics: Prometheus scrape endpoint {Prometheus}, OTLP {Otlp}")]
    private static partial void LogExporting(ILogger logger, string prometheus, string otlp);
}
