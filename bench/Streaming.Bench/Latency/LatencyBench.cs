using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Bench.EndToEnd;
using Streaming.Ingest.Kafka;
using Streaming.Tools.Embedded;
using Streaming.Worker.Hosting;

namespace Streaming.Bench.Latency;

/// <summary>
/// <c>latency</c>: the worker under a steady feed. Prints the produce → prediction latency percentiles and the
/// process's resident memory every 10 s (a long run is the flat-memory check).
/// </summary>
public static class LatencyBench
{
    /// <summary>
    /// Partitions per topic unless <c>--partitions</c> says otherwise. The mock broker returns one record batch per
    /// partition per fetch, and a live feed spread over many partitions makes batches of one or two records: at 64
    /// partitions the consumers, not the worker, set the latency (p50 4–5 s at 20k points/s, against 0.3–0.4 s at 4).
    /// </summary>
    public const int DefaultPartitions = 4;

    /// <summary>
    /// The feed's <c>linger.ms</c> unless <c>--feed-linger-ms</c> says otherwise: librdkafka's own default, as a sensor
    /// gateway would run. At 1 ms the feed's produce requests alone kept the in-process broker's one thread ~75% busy
    /// at 20k points/s, and the broker, not the worker, set the tail (p99 1.4–5.2 s against 0.09–0.19 s at 5 ms).
    /// </summary>
    public const int DefaultFeedLingerMs = 5;

    /// <summary>
    /// The reading subscriber's <c>fetch.wait.max.ms</c> unless <c>--reader-wait-ms</c> says otherwise: the worker's own on
    /// the embedded broker. The mock answers a fetch that finds nothing only after the whole wait, so the reader's wait
    /// bounds how late it sees a prediction, and a shorter one is paid in the broker's CPU.
    /// </summary>
    public const int DefaultReaderWaitMs = 10;

    /// <summary>Runs the feed for <paramref name="seconds"/> and prints p50/p99/max.</summary>
    public static async Task<int> RunAsync(int seriesCount, double rate, int seconds, int partitions, int feedLingerMs, int readerWaitMs, IEnumerable<KeyValuePair<string, string?>> workerSettings)
    {
        using var cluster = MockCluster.Start();
        var topics = new BenchTopics(cluster, partitions);
        using var probe = new DetectorProbe();
        using var host = DetectorHost.CreateBuilder([], topics.WorkerSettings("latency", workerSettings)).Build().ValidateOptions();
        await host.StartAsync().ConfigureAwait(false);
        // Feed only once the worker owns its partitions: the group join (seconds on the mock) would otherwise pile up a
        // backlog that the percentiles then measure instead of the steady state. The join time is printed on its own.
        var joining = Stopwatch.StartNew();
        var consumer = host.Services.GetRequiredService<PointConsumer>();
        while (!consumer.HasJoinedGroup && joining.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        Console.WriteLine($"worker joined its group after {joining.Elapsed.TotalSeconds:F1} s; feeding starts now (feed linger.ms {feedLingerMs}, reader fetch.wait.max.ms {readerWaitMs}, {partitions} partitions)");

        using var stopReading = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(() => PredictionClock.Run(topics.Bootstrap, topics.Predictions, readerWaitMs, stopReading.Token), TaskCreationOptions.LongRunning);
        using var stopSampling = new CancellationTokenSource();
        var memory = Task.Run(() => SampleMemory(stopSampling.Token));
        var produced = await Task.Factory.StartNew(
            () => RateProducer.Run(topics.Bootstrap, topics.Input, seriesCount, rate, TimeSpan.FromSeconds(seconds), feedLingerMs, CancellationToken.None),
            TaskCreationOptions.LongRunning).ConfigureAwait(false);

        // Let the worker finish what it holds (bounded), then stop everything.
        var drain = Stopwatch.StartNew();
        while (probe.Predictions < produced && drain.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        await Task.Delay(500).ConfigureAwait(false);
        await stopReading.CancelAsync().ConfigureAwait(false);
        await stopSampling.CancelAsync().ConfigureAwait(false);
        var latencies = await reader.ConfigureAwait(false);
        await memory.ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);

        // A tail spread over the run is jitter; one that rises and falls is a backlog the worker had to work off.
        Console.WriteLine("p99 ms by tenth of the run, in reading order: " + string.Join(" ", Enumerable.Range(0, 10).Select(k =>
        {
            var tenth = latencies.GetRange(k * latencies.Count / 10, latencies.Count / 10);
            tenth.Sort();
            return tenth.Count == 0 ? "-" : Percentile(tenth, 0.99).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        })));
        // Past the first tenth: the process's start (JIT, a thousand series created) out of the way.
        var steady = latencies.GetRange(latencies.Count / 10, latencies.Count - (latencies.Count / 10));
        steady.Sort();
        latencies.Sort();
        Console.WriteLine($"produced {produced:N0} points at {rate:N0}/s over {seconds} s ({seriesCount:N0} series); predictions delivered {probe.Predictions:N0}, read {latencies.Count:N0}; {probe.LearnedSummary()}; {probe.SnapshotSummary()}");
        if (latencies.Count == 0)
        {
            Console.WriteLine("no prediction was read");
            return 1;
        }

        Console.WriteLine($"after the first tenth, ms: p50={Percentile(steady, 0.50):F1} p90={Percentile(steady, 0.90):F1} p99={Percentile(steady, 0.99):F1} max={steady[^1]:F1}");
        Console.WriteLine($"latency ms: p50={Percentile(latencies, 0.50):F1} p90={Percentile(latencies, 0.90):F1} p99={Percentile(latencies, 0.99):F1} max={latencies[^1]:F1}");
        Console.WriteLine(probe.HandOverSummary());
        return 0;
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static async Task SampleMemory(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (!cancel.IsCancellationRequested)
        {
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"t={clock.Elapsed.TotalSeconds:F0}s rss={process.WorkingSet64 / (1024.0 * 1024):F0} MiB managed={GC.GetTotalMemory(false) / (1024.0 * 1024):F0} MiB");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
