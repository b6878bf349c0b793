using Microsoft.Extensions.Hosting;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Cli;

/// <summary><c>run</c>: the worker alone, until Ctrl+C / SIGTERM or <c>--duration</c>.</summary>
public static class RunCommand
{
    /// <summary>Runs the worker host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(CommandLine cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        using var host = DetectorHost.CreateBuilder([.. cli.ConfigArgs]).Build().ValidateOptions();
        using var timeout = cli.DurationSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        await host.RunAsync(timeout.Token).ConfigureAwait(false);
        return 0;
    }
}
