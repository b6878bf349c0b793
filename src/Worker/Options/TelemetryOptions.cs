using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Worker.Options;

/// <summary>Where the worker serves its metrics and health checks. Empty URLs turn an endpoint off.</summary>
public sealed partial class TelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>
    /// Where the Prometheus scrape endpoint (path <c>/metrics</c>) listens, <c>http://HOST:PORT/</c>; <c>http://+:9464/</c>
    /// listens on every interface (containers). Empty turns it off.
    /// </summary>
    public string PrometheusUrl { get; set; } = "http://127.0.0.1:9464/";

    /// <summary>OTLP collector endpoint (e.g. <c>http://otel-collector:4317</c>); empty exports no OTLP.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>OTLP transport: <c>grpc</c> (collector port 4317) or <c>http/protobuf</c> (port 4318, full URL with <c>/v1/metrics</c>).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Seconds between two OTLP pushes.</summary>
    public int ExportIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Where the health endpoints (<c>/health/live</c>, <c>/health/ready</c>, <c>/health</c>) listen,
    /// <c>http://HOST:PORT/</c>; empty turns them off.
    /// </summary>
    public string HealthUrl { get; set; } = "http://127.0.0.1:8081/";

    /// <summary>Seconds without a poll after which the consume loop counts as stuck (liveness fails).</summary>
    public int StallSeconds { get; set; } = 30;

    /// <summary>
    /// True when <paramref name="url"/> is a listen URL <c>http://HOST:PORT/</c> (the form of HttpListener prefixes, kept
    /// from when the endpoints ran on it): HOST an IP address, <c>localhost</c>, a name, or <c>+</c> / <c>*</c> for every
    /// interface. Plain HTTP only: the endpoints have no certificate.
    /// </summary>
    public static bool IsListenerPrefix(string url) => ListenerPrefix().IsMatch(url);

    /// <summary>The host and port of a listen URL (see <see cref="IsListenerPrefix"/>).</summary>
    public static (string Host, int Port) HostAndPort(string url)
    {
        var match = ListenerPrefix().Match(url);
        if (!match.Success)
        {
            throw new FormatException($"'{url}' is not of the form http://HOST:PORT/.");
        }

        return (match.Groups["host"].Value, int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^http://(?<host>[^/:\s]+):(?<port>\d{1,5})/$")]
    private static partial Regex ListenerPrefix();
}
