using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Cli;

/// <summary><c>run</c>: the worker alone, until Ctrl+C / SIGTERM, <c>--duration</c> or a fault (see <see cref="ExitCode"/>).</summary>
public static class RunCommand
{
    /// <summary>
    /// The <c>run</c> command, its host from <paramref name="createBuilder"/> (<see cref="DetectorHost.CreateBuilder"/>
    /// by default; the tools add their embedded broker).
    /// </summary>
    public static Command Create(Func<string[], HostApplicationBuilder>? createBuilder = null)
    {
        var duration = CliOptions.Duration();
        var command = new Command("run", "the worker alone, against Kafka:BootstrapServers (required)")
        {
            CliOptions.Bootstrap(),
            duration,
            new ConfigurationOption("--model", "Model:Checkpoint", "checkpoint to start warm from; the model's architecture is taken from it", "file"),
            ConfigurationArguments.Create(),
        };
        var build = createBuilder ?? (args => DetectorHost.CreateBuilder(args));
        command.SetAction((parse, _) => RunAsync(build([.. parse.ConfigurationArgs()]), parse.GetValue(duration)));
        return command;
    }

    /// <summary>Runs the worker host <paramref name="builder"/> makes, for <paramref name="seconds"/> or until stopped; returns the exit code.</summary>
    public static async Task<int> RunAsync(HostApplicationBuilder builder, int? seconds)
    {
        ArgumentNullException.ThrowIfNull(builder);
        using var host = builder.Build().ValidateOptions().RequireBroker("run");
        using var timeout = seconds is { } s ? new CancellationTokenSource(TimeSpan.FromSeconds(s)) : new CancellationTokenSource();
        return (int)await host.RunToExitCodeAsync(timeout.Token).ConfigureAwait(false);
    }
}
