using System.CommandLine;
using Streaming.Bench.EndToEnd;
using Streaming.Bench.Latency;
using Streaming.Bench.Memory;
using Streaming.Bench.Quality;
using Streaming.Worker.Cli;

namespace Streaming.Bench;

/// <summary>The benchmark modes; extra <c>--Section:Key=value</c> arguments go to the worker's configuration.</summary>
public static class BenchCommands
{
    /// <summary>The program's name in usage lines.</summary>
    public const string Program = "Streaming.Bench";

    /// <summary>The modes, in the order the help lists them; <c>micro</c> is handed to BenchmarkDotNet before parsing.</summary>
    public static RootCommand Create() => new("Benchmarks of the worker: end to end against the Kafka client's pass-through, latency, memory, stream quality. " +
        "'micro' runs the BenchmarkDotNet micro-benchmarks; every argument after it goes to BenchmarkDotNet (--filter '*Forecaster*').")
    {
        EndToEnd(),
        Latency(),
        Memory(),
        StreamQuality(),
    };

    private static Option<int> Series(int fallback) => CliOptions.PositiveInt("--series", "series", fallback);

    private static Option<int> Partitions(int fallback) => CliOptions.PositiveInt("--partitions", "partitions per topic (the mock keeps ~5 MiB each)", fallback);

    private static Command EndToEnd()
    {
        var series = Series(1000);
        var points = CliOptions.PositiveInt("--points", "input points in all", 500_000);
        var partitions = Partitions(64);
        var command = new Command("e2e", "ceiling (pass-through) and worker over the same pre-filled topic; prints ratio=worker/ceiling")
        {
            series, points, partitions, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => EndToEndBench.RunAsync(parse.GetValue(series), parse.GetValue(points), parse.GetValue(partitions), ConfigPairs(parse)));
        return command;
    }

    private static Command Latency()
    {
        var series = Series(1000);
        var rate = CliOptions.PositiveNumber("--rate", "points per second in all", 20_000);
        var seconds = CliOptions.PositiveInt("--seconds", "how long to feed (600 for the flat-memory check)", 60);
        var partitions = Partitions(LatencyBench.DefaultPartitions);
        var linger = CliOptions.PositiveInt("--feed-linger-ms", "the feed producer's linger.ms", LatencyBench.DefaultFeedLingerMs);
        var wait = CliOptions.PositiveInt("--reader-wait-ms", "the reading subscriber's fetch.wait.max.ms", LatencyBench.DefaultReaderWaitMs);
        var command = new Command("latency", "a steady feed into the worker; prints produce -> prediction p50/p99/max, the worker's own p99 and memory every 10 s")
        {
            series, rate, seconds, partitions, linger, wait, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => LatencyBench.RunAsync(parse.GetValue(series), parse.GetValue(rate), parse.GetValue(seconds), parse.GetValue(partitions),
            parse.GetValue(linger), parse.GetValue(wait), ConfigPairs(parse)));
        return command;
    }

    private static Command Memory()
    {
        var series = Series(100_000);
        var perSeries = CliOptions.PositiveInt("--points-per-series", "points fed to each series", 25);
        var command = new Command("memory", "many series through the worker's detection engine; prints bytes per series beyond the model")
        {
            series, perSeries, ConfigurationArguments.Create(),
        };
        command.SetAction(parse => MemoryBench.Run(parse.GetValue(series), parse.GetValue(perSeries), ConfigPairs(parse)));
        return command;
    }

    private static Command StreamQuality()
    {
        var nab = CliOptions.Text("--nab", "NAB data directory (category folders of CSVs) for the NAB part", "folder");
        var command = new Command("stream-quality", "windowed vs streaming GRU, model alone: online MSE on the lesson sine and NAB files, predict cost per point")
        {
            nab, ConfigurationArguments.Create(),
        };
        command.SetAction(parse => StreamingQualityBench.Run(parse.GetValue(nab), ConfigPairs(parse)));
        return command;
    }

    /// <summary>The <c>--Section:Key=value</c> arguments as configuration pairs.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> ConfigPairs(ParseResult parse) =>
        parse.ConfigurationArgs().Select(a => a.TrimStart('-').Split('=', 2)).Where(p => p.Length == 2).Select(p => new KeyValuePair<string, string?>(p[0], p[1]));
}
