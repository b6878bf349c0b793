using Streaming.Worker.Hosting;

namespace Streaming.Worker.Cli;

/// <summary><c>run</c>: the worker alone, until Ctrl+C / SIGTERM, <c>--duration</c> or a fault (see <see cref="ExitCode"/>).</summary>
public static class RunCommand
{
    /// <summary>Runs the worker host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(CommandLine cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        using var host = DetectorHost.CreateBuilder([.. cli.ConfigArgs]).Build().ValidateOptions().RequireBroker("run");
        using var timeout = cli.DurationSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        return (int)await host.RunToExitCodeAsync(timeout.Token).ConfigureAwait(false);
    }
}
