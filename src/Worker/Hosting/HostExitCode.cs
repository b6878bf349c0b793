using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streaming.Worker.Cli;

namespace Streaming.Worker.Hosting;

/// <summary>Runs a worker host to its end and says why it ended, as an exit code.</summary>
public static partial class HostExitCode
{
    /// <summary>
    /// Runs <paramref name="host"/> (without disposing it) until it stops (Ctrl+C, SIGTERM, <paramref name="stop"/>, or a fault) and returns the
    /// exit code: the fault the worker recorded, else <see cref="ExitCode.UnexpectedError"/> when any background service
    /// failed (the host swallows that: dotnet/runtime#67146), else <see cref="ExitCode.Stopped"/>.
    /// </summary>
    public static async Task<ExitCode> RunToExitCodeAsync(this IHost host, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(host);
        // Not RunAsync: it disposes the host, and the outcome is read from its services afterwards.
        await host.StartAsync(stop).ConfigureAwait(false);
        await host.WaitForShutdownAsync(stop).ConfigureAwait(false);
        return host.ExitCode();
    }

    /// <summary>The exit code of a host that has stopped (see <see cref="RunToExitCodeAsync"/>).</summary>
    public static ExitCode ExitCode(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var outcome = host.Services.GetService<WorkerOutcome>();
        if (outcome is { Code: not Cli.ExitCode.Stopped })
        {
            return outcome.Code;
        }

        var failed = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
        if (failed is null)
        {
            return Cli.ExitCode.Stopped;
        }

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostExitCode));
        var name = failed.GetType().Name;
        var error = failed.ExecuteTask!.Exception?.GetBaseException();
        LogServiceFailed(logger, name, error);
        return Cli.ExitCode.UnexpectedError;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The hosted service {Service} failed; the worker stopped with exit code 1")]
    private static partial void LogServiceFailed(ILogger logger, string service, Exception? exception);
}
