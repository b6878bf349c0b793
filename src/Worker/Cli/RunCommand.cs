using System.CommandLine;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Cli;

/// <summary><c>run</c>: the worker alone, until Ctrl+C / SIGTERM, <c>--duration</c> or a fault (see <see cref="ExitCode"/>).</summary>
public static class RunCommand
{
    /// <summary><c>--duration</c>: stop after this many seconds.</summary>
    public static readonly Option<int?> Duration = CliOptions.Duration();

    private static readonly ConfigurationOption Bootstrap = CliOptions.Bootstrap();

    private static readonly ConfigurationOption Checkpoint = new("--model", "Model:Checkpoint", "checkpoint to start warm from; the model's architecture is taken from it", "file");

    /// <summary>The <c>run</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("run", "the worker alone, against Kafka:BootstrapServers (required; 'embedded' for the in-process test broker)")
        {
            Bootstrap, Duration, Checkpoint, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the worker host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(ParseResult cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        using var host = DetectorHost.CreateBuilder([.. cli.ConfigurationArgs()]).Build().ValidateOptions().RequireBroker("run");
        using var timeout = cli.GetValue(Duration) is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        return (int)await host.RunToExitCodeAsync(timeout.Token).ConfigureAwait(false);
    }
}
