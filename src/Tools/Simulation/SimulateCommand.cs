using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Streaming.Ingest.Options;
using Streaming.Tools.Cli;
using Streaming.Worker.Cli;
using Streaming.Worker.Options;

namespace Streaming.Tools.Simulation;

/// <summary>
/// <c>simulate</c>: the demo's sensor simulator alone, feeding the input topic of a real cluster at a steady rate,
/// so anyone can try the worker against their own Kafka (and the Compose file runs it as its own service).
/// </summary>
public static class SimulateCommand
{
    /// <summary><c>--series</c>: how many simulated series.</summary>
    public static readonly Option<int> Series = CliOptions.PositiveInt("--series", "simulated series", 6);

    /// <summary><c>--rate</c>: points per second per series.</summary>
    public static readonly Option<double> Rate = CliOptions.PositiveNumber("--rate", "points per second per series", 50);

    /// <summary><c>--kinds</c>: which anomalies to inject.</summary>
    public static readonly Option<string> Kinds = new("--kinds") { Description = "anomalies to inject: spike,level-shift,flat-line, all or none", HelpName = "list", DefaultValueFactory = _ => "all" };

    /// <summary><c>--duration</c>: stop after this many seconds.</summary>
    public static readonly Option<int?> Duration = CliOptions.Duration();

    private static readonly ConfigurationOption Bootstrap = CliOptions.Bootstrap();

    /// <summary>The <c>simulate</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("simulate", "the sensor simulator alone, feeding Ingest:Topic on a running cluster (--bootstrap)")
        {
            Bootstrap, Duration, Series, Rate, Kinds, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Produces until Ctrl+C / SIGTERM or <c>--duration</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(ParseResult cli, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var console = output ?? Console.Out;
        var kinds = ParseKinds(cli.GetValue(Kinds) ?? "all");
        var configuration = ToolsHost.CreateBuilder([.. cli.ConfigurationArgs()]).Configuration;
        KnownSettings.ThrowIfUnknown(configuration);
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var ingest = configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        if (!kafka.HasBroker || kafka.UsesEmbeddedBroker)
        {
            throw new FormatException("simulate feeds a running cluster: give --bootstrap HOST:PORT (or Kafka:BootstrapServers). For everything in one process use the demo.");
        }

        var rate = cli.GetValue(Rate);
        // Without --duration the plan covers a day at the chosen rate (as the demo); Ctrl+C ends it sooner.
        var seconds = cli.GetValue(Duration) ?? 86_400;
        var pointsPerSeries = (long)(seconds * rate);
        var series = SimulationPlan.Create(cli.GetValue(Series), pointsPerSeries, kinds: kinds);
        var simulator = new SimulatorProducer(kafka.BootstrapServers, ingest.Topic, series, rate);
        console.WriteLine($"Simulating {series.Count} series at {rate} points/s each into {ingest.Topic} on {kafka.BootstrapServers}; anomalies: {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}, from point 700, every {SimulationPlan.EventSpacing} points. Ctrl+C stops.");
        using var stop = new CancellationTokenSource();
        var run = simulator.RunAsync(pointsPerSeries, stop.Token);
        await Task.WhenAny(run, BrokerCommand.WaitForStop(cli.GetValue(Duration))).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        console.WriteLine($"Delivered {simulator.Delivered} points.");
        return 0;
    }

    /// <summary>Parses <c>--kinds</c>: a comma-separated list of spike, level-shift, flat-line; <c>all</c>; or <c>none</c>.</summary>
    public static IReadOnlyList<InjectedEventKind> ParseKinds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.GetValues<InjectedEventKind>();
        }

        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToLowerInvariant() switch
        {
            "spike" => InjectedEventKind.Spike,
            "level-shift" or "levelshift" => InjectedEventKind.LevelShift,
            "flat-line" or "flatline" => InjectedEventKind.FlatLine,
            _ => throw new FormatException($"--kinds: unknown anomaly kind '{k}'. Kinds: spike, level-shift, flat-line, or all / none."),
        }).Distinct()];
    }
}
