using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Worker.Options;

/// <summary>Start-up checks of <see cref="TelemetryOptions"/>.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckPrefix(failures, "Telemetry:PrometheusUrl", options.PrometheusUrl, "http://127.0.0.1:9464/");
        CheckPrefix(failures, "Telemetry:HealthUrl", options.HealthUrl, "http://127.0.0.1:8081/");
        // One web server serves both and tells them apart by the port a request came in on: the ports must differ.
        if (TelemetryOptions.IsListenerPrefix(options.PrometheusUrl) && TelemetryOptions.IsListenerPrefix(options.HealthUrl)
            && TelemetryOptions.HostAndPort(options.PrometheusUrl).Port == TelemetryOptions.HostAndPort(options.HealthUrl).Port)
        {
            failures.Add(OptionMessages.Invalid("Telemetry:HealthUrl", options.HealthUrl, "it must differ from Telemetry:PrometheusUrl (each endpoint needs its own port)", "http://127.0.0.1:8081/"));
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlp) && otlp.Scheme is "http" or "https"))
        {
            failures.Add(OptionMessages.Invalid("Telemetry:OtlpEndpoint", options.OtlpEndpoint, "it must be an http(s) URL such as http://otel-collector:4317, or empty for no OTLP export", "(empty)"));
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            failures.Add(OptionMessages.Invalid("Telemetry:OtlpProtocol", options.OtlpProtocol, "it must be grpc or http/protobuf", "grpc"));
        }

        OptionMessages.CheckRange(failures, "Telemetry:ExportIntervalSeconds", options.ExportIntervalSeconds, 1, 3600, "60");
        OptionMessages.CheckRange(failures, "Telemetry:StallSeconds", options.StallSeconds, 1, 3600, "30");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPrefix(List<string> failures, string key, string value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!TelemetryOptions.IsListenerPrefix(value))
        {
            failures.Add(OptionMessages.Invalid(key, value,
                "it must be a URL http://HOST:PORT/ (HOST 127.0.0.1, localhost, a name, or + for every interface; ending in /), or empty to turn the endpoint off", example));
        }
        else if (TelemetryOptions.HostAndPort(value).Port is < 1 or > 65535)
        {
            failures.Add(OptionMessages.Invalid(key, value, "its port must be 1-65535", example));
        }
    }
}
