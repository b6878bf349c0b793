using Microsoft.Extensions.Configuration;
using Streaming.Tools.Embedded;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Bench.EndToEnd;

/// <summary>
/// <c>e2e</c>: pre-fills the input topic, then measures in one run the ceiling (a consume → produce pass-through
/// with the worker's client settings) and the real worker learning online, over the same messages.
/// </summary>
public static class EndToEndBench
{
    /// <summary>Runs the benchmark and prints both throughputs and, last, <c>ratio=</c>.</summary>
    public static async Task<int> RunAsync(int seriesCount, int totalPoints, int partitions, IEnumerable<KeyValuePair<string, string?>> workerSettings)
    {
        var pointsPerSeries = Math.Max(1, totalPoints / seriesCount);
        var expected = (long)pointsPerSeries * seriesCount;
        using var cluster = MockCluster.Start();
        var topics = new BenchTopics(cluster, partitions);
        var fillRate = TopicFiller.Fill(topics.Bootstrap, topics.Input, seriesCount, pointsPerSeries);
        Console.WriteLine($"filled {topics.Input}: {expected:N0} points, {seriesCount:N0} series x {pointsPerSeries:N0}, {partitions} partitions ({fillRate:N0} points/s)");

        var settings = topics.WorkerSettings("worker", workerSettings);
        var kafka = DetectorHost.CreateBuilder([], settings).Configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var consumer = KafkaClientConfigs.Consumer(kafka, topics.Bootstrap);
        consumer.GroupId = kafka.GroupId + "-ceiling";
        var ceilingCpu = Environment.CpuUsage.TotalTime;
        var ceiling = PassThrough.Run(consumer, KafkaClientConfigs.Producer(kafka, topics.Bootstrap), topics.Input, topics.PassThrough, expected);
        // CPU per point counts every thread of the process (client, in-process broker): on a shared machine it moves far
        // less with other jobs' load than points per second do.
        ceilingCpu = (Environment.CpuUsage.TotalTime - ceilingCpu) / expected;
        Console.WriteLine($"ceiling (consume -> produce, no model): {ceiling:N0} points/s, {ceilingCpu.TotalMicroseconds:F1} µs CPU/point");

        var (worker, workerCpu, learned) = await WorkerRun.RunAsync(settings, expected, TimeSpan.FromMinutes(30)).ConfigureAwait(false);
        Console.WriteLine($"worker (default model, learning online): {worker:N0} points/s, {workerCpu.TotalMicroseconds:F1} µs CPU/point; {learned}");
        Console.WriteLine($"ratio={worker / ceiling:F3}");
        return 0;
    }
}
