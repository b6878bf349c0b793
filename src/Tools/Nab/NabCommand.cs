using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Model.Detection;
using Streaming.Tools.Terminal;
using Streaming.Worker.Cli;
using Streaming.Worker.Hosting;

namespace Streaming.Tools.Nab;

/// <summary>
/// <c>nab</c>: runs the worker's detector, with the worker's configuration, over NAB data files and writes results
/// the NAB scorer reads. No Kafka: the points go straight into the detection engine.
/// </summary>
public static class NabCommand
{
    /// <summary><c>--data</c>: NAB's data folder.</summary>
    public static readonly Option<string> Data = CliOptions.Text("--data", "NAB data folder: <category>/<file>.csv", "folder", required: true);

    /// <summary><c>--out</c>: where the results go.</summary>
    public static readonly Option<string> Out = CliOptions.Text("--out", "results folder; writes <out>/<detector>/<category>/<detector>_<file>.csv", "folder", required: true);

    /// <summary><c>--detector</c>: the detector's name in the results.</summary>
    public static readonly Option<string> Detector = new("--detector") { Description = "detector name in the results", HelpName = "name", DefaultValueFactory = _ => DefaultDetector };

    /// <summary><c>--workers</c>: files run at once.</summary>
    public static readonly Option<int?> Workers = CliOptions.OptionalPositiveInt("--workers", "files run at once, one thread each (default: the machine's cores)");

    /// <summary>The <c>nab</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("nab", "runs the detector over Numenta Anomaly Benchmark files (no Kafka) and writes NAB results")
        {
            Data, Out, Detector, Workers, ConfigurationArguments.Create(),
        };
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>Default detector name: the results folder and the result file prefix.</summary>
    public const string DefaultDetector = "streamingGru";

    /// <summary>Runs the benchmark as the command line says; returns the exit code. Ctrl+C or SIGTERM stops it once
    /// the files under way are written.</summary>
    public static Task<int> RunAsync(ParseResult cli, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return Task.FromResult(Run(cli.GetRequiredValue(Data), cli.GetRequiredValue(Out), cli.GetValue(Detector), cli.GetValue(Workers), cli.ConfigurationArgs(),
            cancel: cancel));
    }

    /// <summary>Runs the benchmark, writing to <paramref name="output"/> (the console, with a progress bar on a terminal, by default); returns the exit code.</summary>
    public static int Run(string dataDirectory, string outDirectory, string? detector, int? workers, IReadOnlyList<string> configArgs, TextWriter? output = null,
        CancellationToken cancel = default)
    {
        var console = output ?? Console.Out;
        if (!Directory.Exists(dataDirectory))
        {
            throw new FormatException($"--data: no directory '{dataDirectory}' (NAB's data/ folder, with one sub-folder per category).");
        }

        using var host = ToolsHost.CreateBuilder([.. configArgs, "--Logging:LogLevel:Default=Warning"]).Build().ValidateOptions();
        var factory = host.Services.GetRequiredService<DetectorFactory>();
        var threads = workers ?? Environment.ProcessorCount;
        var name = string.IsNullOrWhiteSpace(detector) ? DefaultDetector : detector;
        console.WriteLine($"NAB: {dataDirectory} -> {Path.Combine(outDirectory, name)} on {threads} threads");
        var summary = ProgressDisplay.Run(output, "nab", NabSeries.Find(dataDirectory).Count,
            progress => new NabRunner(factory, threads, progress).Run(dataDirectory, outDirectory, name, cancel));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {summary.Files.Count} files, {summary.Files.Sum(f => f.Rows)} rows, {summary.Files.Sum(f => f.Flags)} flags in {summary.Elapsed.TotalSeconds:F0} s."));
        return 0;
    }
}
