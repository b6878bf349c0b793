using Streaming.Bench.EndToEnd;
using Streaming.Bench.Latency;
using Streaming.Bench.Memory;
using Streaming.Bench.Micro;
using Streaming.Bench.Quality;
using Streaming.Worker.Cli;
using WorkerCommandLine = Streaming.Worker.Cli.CommandLine;

namespace Streaming.Bench;

/// <summary>The benchmark modes; extra <c>--Section:Key=value</c> arguments go to the worker's configuration.</summary>
public static class BenchCommands
{
    private static readonly CliSwitch Series = new("--series", CliValue.PositiveInt, "series (default 1000; memory: 100000)");
    private static readonly CliSwitch Points = new("--points", CliValue.PositiveInt, "input points in all (default 500000)");
    private static readonly CliSwitch Rate = new("--rate", CliValue.PositiveNumber, "points per second in all (default 20000)");
    private static readonly CliSwitch Seconds = new("--seconds", CliValue.PositiveInt, "how long to feed (default 60; 600 for the flat-memory check)");
    private static readonly CliSwitch PerSeries = new("--points-per-series", CliValue.PositiveInt, "points fed to each series (default 25)");
    private static readonly CliSwitch NabData = new("--nab", CliValue.Text, "NAB data directory (category folders of CSVs) for the NAB part");
    private static readonly CliSwitch FeedLinger = new("--feed-linger-ms", CliValue.PositiveInt, "latency: the feed producer's linger.ms (default 5)");
    private static readonly CliSwitch ReaderWait = new("--reader-wait-ms", CliValue.PositiveInt, "latency: the reading subscriber's fetch.wait.max.ms (default 10)");
    private static readonly CliSwitch Partitions = new("--partitions", CliValue.PositiveInt, "partitions per topic (default 64, latency 4; the mock keeps ~5 MiB each)");

    /// <summary>The modes, in the order the usage lists them.</summary>
    public static readonly IReadOnlyList<CliCommand> All =
    [
        new("e2e", "ceiling (pass-through) and worker over the same pre-filled topic; prints ratio=worker/ceiling",
            [Series, Points, Partitions],
            cli => EndToEndBench.RunAsync(cli.Int(Series.Name, 1000), cli.Int(Points.Name, 500_000), cli.Int(Partitions.Name, 64), ConfigPairs(cli))),
        new("latency", "a steady feed into the worker; prints produce -> prediction p50/p99/max and memory every 10 s",
            [Series, Rate, Seconds, Partitions, FeedLinger, ReaderWait],
            cli => LatencyBench.RunAsync(cli.Int(Series.Name, 1000), cli.Number(Rate.Name, 20_000), cli.Int(Seconds.Name, 60), cli.Int(Partitions.Name, LatencyBench.DefaultPartitions),
                cli.Int(FeedLinger.Name, LatencyBench.DefaultFeedLingerMs), cli.Int(ReaderWait.Name, LatencyBench.DefaultReaderWaitMs), ConfigPairs(cli))),
        new("memory", "many series through the worker's detection engine; prints bytes per series beyond the model",
            [Series, PerSeries],
            cli => Task.FromResult(MemoryBench.Run(cli.Int(Series.Name, 100_000), cli.Int(PerSeries.Name, 25), ConfigPairs(cli)))),
        new("stream-quality", "windowed vs streaming GRU, model alone: online MSE on the lesson sine and NAB files, predict cost per point",
            [NabData], cli => Task.FromResult(StreamingQualityBench.Run(cli.Text(NabData.Name), ConfigPairs(cli)))),
        new("micro", "BenchmarkDotNet micro-benchmarks of the hot pieces; every further argument goes to BenchmarkDotNet (--filter '*Forecaster*')",
            [], _ => Task.FromResult(MicroBenchmarks.Run([]))),
        new("help", "this text", [], _ =>
        {
            Console.WriteLine(CliUsage.Describe("Streaming.Bench", All!));
            return Task.FromResult(0);
        }),
    ];

    /// <summary>The <c>--Section:Key=value</c> arguments as configuration pairs.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> ConfigPairs(WorkerCommandLine cli) =>
        cli.ConfigArgs.Select(a => a.TrimStart('-').Split('=', 2)).Where(p => p.Length == 2).Select(p => new KeyValuePair<string, string?>(p[0], p[1]));
}
