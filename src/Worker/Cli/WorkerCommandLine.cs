using System.CommandLine;

namespace Streaming.Worker.Cli;

/// <summary>
/// The service's command line: <c>run</c> (the default) and <c>health</c>. The tools (demo, embedded broker, replay,
/// NAB, training) have their own entry point, <c>Streaming.Tools</c>, which offers these two as well.
/// </summary>
public static class WorkerCommandLine
{
    /// <summary>The program's name in usage lines.</summary>
    public const string Program = "Streaming.Worker";

    /// <summary>The command run when the first argument names none.</summary>
    public const string DefaultCommand = "run";

    private static readonly Lazy<RootCommand> Commands = new(Create);

    /// <summary>Every command, in the order the help lists them (built once: an option belongs to one command).</summary>
    public static RootCommand Root => Commands.Value;

    private static RootCommand Create() => new("Real-time streaming anomaly detector, the service: a GRU that predicts each series' next value and learns from the stream.")
    {
        RunCommand.Create(),
        HealthCommand.Create(),
    };

    /// <summary>Parses <paramref name="args"/>; without a command name first, as the <see cref="DefaultCommand"/>'s.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Root.Parse(WithDefaultCommand(args, DefaultCommand));
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process's exit code.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        CliInvocation.InvokeAsync(Parse(args), Program, output, error);

    /// <summary>
    /// <paramref name="args"/> with <paramref name="command"/> in front when they start with an option (or are empty),
    /// except the program's own <c>--help</c> and <c>--version</c>.
    /// </summary>
    public static IReadOnlyList<string> WithDefaultCommand(IReadOnlyList<string> args, string command)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?" or "--version"))
            ? [command, .. args]
            : args;
    }
}
