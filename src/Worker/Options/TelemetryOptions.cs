using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Worker.Options;

/// <summary>Where the worker serves its metrics and health checks. Empty URLs turn an endpoint off.</summary>
public sealed partial class TelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>
    /// HttpListener prefix of the Prometheus scrape endpoint (path <c>/metrics</c>); <c>http://+:9464/</c> listens on
    /// every interface (containers). Empty turns it off.
    /// </summary>
    public string PrometheusUrl { get; set; } = "http://127.0.0.1:9464/";

    /// <summary>OTLP collector endpoint (e.g. <c>http://otel-collector:4317</c>); empty exports no OTLP.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>OTLP transport: <c>grpc</c> (collector port 4317) or <c>http/protobuf</c> (port 4318, full URL with <c>/v1/metrics</c>).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Seconds between two OTLP pushes.</summary>
    public int ExportIntervalSeconds { get; set; } = 60;

    /// <summary>HttpListener prefix of the health endpoint (<c>/health/live</c>, <c>/health/ready</c>); empty turns it off.</summary>
    public string HealthUrl { get; set; } = "http://127.0.0.1:8081/";

    /// <summary>Seconds without a poll after which the consume loop counts as stuck (liveness fails).</summary>
    public int StallSeconds { get; set; } = 30;

    /// <summary>True when <paramref name="url"/> is an HttpListener prefix <c>http://HOST:PORT/</c>.</summary>
    public static bool IsListenerPrefix(string url) => ListenerPrefix().IsMatch(url);

    /// <summary>The host and port of a listener prefix (see <see cref="IsListenerPrefix"/>).</summary>
    public static (string Host, int Port) HostAndPort(string url)
    {
        var match = ListenerPrefix().Match(url);
        if (!match.Success)
        {
            throw new FormatException($"'{url}' is not of the form http://HOST:PORT/.");
        }

        return (match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^https?://(?<host>[^/:\s]+):(?<port>\d{1,5})/$")]
    private static partial Regex ListenerPrefix();
}
