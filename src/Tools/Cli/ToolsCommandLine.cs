using System.CommandLine;
using Streaming.Tools.Demo;
using Streaming.Tools.Nab;
using Streaming.Tools.Replay;
using Streaming.Tools.Simulation;
using Streaming.Worker.Cli;

namespace Streaming.Tools.Cli;

/// <summary>
/// The tools' command line: the demo (the default) and everything around the worker (embedded broker, simulator,
/// replay, NAB, offline training), with the service's own <c>run</c> and <c>health</c>.
/// </summary>
public static class ToolsCommandLine
{
    /// <summary>The program's name in usage lines.</summary>
    public const string Program = "Streaming.Tools";

    /// <summary>The command run when the first argument names none.</summary>
    public const string DefaultCommand = "demo";

    private static readonly Lazy<RootCommand> Commands = new(Create);

    /// <summary>Every command, in the order the help lists them (built once: an option belongs to one command).</summary>
    public static RootCommand Root => Commands.Value;

    private static RootCommand Create() => new("Real-time streaming anomaly detector, the tools: a demo on an embedded broker, a simulator, replay, NAB and offline training, and the worker itself.")
    {
        DemoCommand.Create(),
        RunCommand.Create(args => ToolsHost.CreateBuilder(args)),
        BrokerCommand.Create(),
        SimulateCommand.Create(),
        ReplayCommand.Create(),
        NabCommand.Create(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        PredictCommand.Create(),
        HealthCommand.Create(),
    };

    /// <summary>Parses <paramref name="args"/>; without a command name first, as the <see cref="DefaultCommand"/>'s.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(WorkerCommandLine.WithDefaultCommand(args, DefaultCommand));

    /// <summary>Parses and runs <paramref name="args"/>; returns the process's exit code.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        CliInvocation.InvokeAsync(Parse(args), Program, output, error);
}
