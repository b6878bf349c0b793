using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Streaming.Worker.Hosting;
using Streaming.Worker.Options;

namespace Streaming.Worker.Cli;

/// <summary>
/// <c>health</c>: asks a running worker's own readiness endpoint (<c>Telemetry:HealthUrl</c> + <c>health/ready</c>,
/// read from the same configuration) and exits 0 when it answers 200, 1 otherwise: a Docker <c>HEALTHCHECK</c> or
/// Compose healthcheck that needs no curl in the image.
/// </summary>
public static class HealthCommand
{
    /// <summary>The <c>health</c> command.</summary>
    public static Command Create()
    {
        var live = CliOptions.Flag("--live", "ask /health/live instead of /health/ready");
        var command = new Command("health", "asks a running worker's /health/ready (Telemetry:HealthUrl): exit 0 when ready, 1 otherwise")
        {
            live, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse.ConfigurationArgs(), parse.GetValue(live)));
        return command;
    }

    /// <summary>Probes the endpoint <paramref name="configArgs"/> configure; returns 0 when it is healthy, 1 otherwise.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> configArgs, bool live, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(configArgs);
        var console = output ?? Console.Out;
        var configuration = DetectorHost.CreateBuilder([.. configArgs]).Configuration;
        KnownSettings.ThrowIfUnknown(configuration);
        var telemetry = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(telemetry.HealthUrl) || !TelemetryOptions.IsListenerPrefix(telemetry.HealthUrl))
        {
            throw new FormatException($"health needs the worker's Telemetry:HealthUrl (http://HOST:PORT/), got '{telemetry.HealthUrl}'.");
        }

        var url = ProbeUrl(telemetry.HealthUrl, live ? "health/live" : "health/ready");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url).ConfigureAwait(false);
            await console.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await console.WriteLineAsync($"{url}: no answer ({ex.Message})").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// The URL to ask, from a listener prefix: a prefix on every interface (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>) is asked on
    /// 127.0.0.1, because the probe runs next to the worker (same container).
    /// </summary>
    public static Uri ProbeUrl(string listenerPrefix, string path)
    {
        var (host, port) = TelemetryOptions.HostAndPort(listenerPrefix);
        var target = host is "+" or "*" or "0.0.0.0" ? "127.0.0.1" : host;
        return new Uri($"http://{target}:{port}/{path}");
    }
}
