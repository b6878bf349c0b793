using System.Globalization;
using Microsoft.Extensions.Logging;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>
/// Three workers in one consumer group share a 16-partition input topic; while points flow, one stops gracefully
/// and later a new one joins. Every input point must have a prediction (exactly one when the scenario is run with
/// <see cref="DeliveryGuarantee.ExactlyOnce"/> and the settings that turn that mode on). The rebalance times are
/// measured from the workers' own partition counts.
/// </summary>
public abstract class ScaleOutScenarios(IKafkaUnderTest kafka, ITestOutputHelper output,
    DeliveryGuarantee guarantee = DeliveryGuarantee.AtLeastOnce, IReadOnlyDictionary<string, string?>? settings = null,
    int? snapshotIntervalSeconds = 2)
{
    private const int PointsPerSecond = 300;

    private const int Series = 24;

    private static readonly TimeSpan RebalanceTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task Three_workers_share_the_partitions_one_leaves_and_a_new_one_joins_while_points_flow_no_point_is_lost_and_no_series_starts_over()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        var topics = await TestTopics.CreateAsync(kafka, "scale");
        var group = $"scale-{Guid.NewGuid():N}";
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        using var predictions = new TopicWatch(kafka.BootstrapServers, topics.Predictions);
        var active = new List<InProcessWorker>();
        var stopped = new List<InProcessWorker>();
        try
        {
            active.AddRange(await Task.WhenAll(Enumerable.Range(1, 3).Select(n => StartWorkerAsync(topics, group, n))));
            var initial = await BalancedAsync(active, "the first three workers");
            // Read only once the workers have set up their state topic ({group}-state), so that this reader never creates it.
            using var state = new TopicWatch(kafka.BootstrapServers, $"{group}-state");
            var flow = SteadyFeed.Start(feed, "scale", Series, PointsPerSecond);
            Assert.True(await predictions.WaitForCountAsync(PointsPerSecond, Timeout), "nothing predicted by three workers");
            // Partitions move only once every series' state has been saved by a periodic snapshot: a worker fenced from
            // the group under load loses its partitions unsaved, and their next owner starts from the last snapshot.
            var saved = await Poll.UntilAsync(() => SavedSeries(state.Snapshot()) >= Series, SnapshotTimeout);
            Assert.True(saved is not null, $"{SavedSeries(state.Snapshot())} of {Series} series saved within {SnapshotTimeout.TotalSeconds} s");

            // One leaves gracefully: it drains, commits and leaves the group; the other two take its partitions.
            var leaving = active[1];
            active.Remove(leaving);
            stopped.Add(leaving);
            var leave = Poll.UntilAsync(() => Owned(active) == TestTopics.Partitions, RebalanceTimeout);
            await leaving.StopAsync();
            var leftIn = await leave ?? throw new TimeoutException($"two workers did not take over all partitions ({Owned(active)} owned)");
            Assert.True(await predictions.WaitForCountAsync(predictions.Count + PointsPerSecond, Timeout), "nothing predicted by the two workers left");

            // A new worker joins while points flow; the group hands it a share.
            var joiner = await StartWorkerAsync(topics, group, 4);
            active.Add(joiner);
            var joinedIn = await BalancedAsync(active, "the joined worker");
            Assert.True(await predictions.WaitForCountAsync(predictions.Count + PointsPerSecond, Timeout), "nothing predicted after the join");

            var sent = await flow.StopAsync();
            var audit = await predictions.AuditAsync(sent, guarantee, Timeout);
            var shares = string.Join("/", active.Select(w => w.AssignedPartitions));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RELIABILITY scale-out ({guarantee}, snapshots every {snapshotIntervalSeconds ?? new StateOptions().SnapshotIntervalSeconds} s): {audit}; every series saved after {saved!.Value.TotalSeconds:F1} s, first balance {initial.TotalSeconds:F1} s, leave rebalance {leftIn.TotalSeconds:F1} s, join rebalance {joinedIn.TotalSeconds:F1} s, final shares {shares}"));

            audit.Assert(guarantee);
            var restarted = SeriesThatStartedOver(predictions.Snapshot());
            Assert.True(restarted.Count == 0, $"{restarted.Count} series started their window over after moving: {string.Join(", ", restarted.Take(5))}");
            Assert.All(active, w => Assert.True(w.AssignedPartitions > 0, $"a worker owns no partition (shares {shares})"));
        }
        finally
        {
            foreach (var worker in active.Concat(stopped))
            {
                await worker.DisposeAsync();
            }
        }
    }

    // The first snapshot of every series comes within one interval of its first points (slices spread over it).
    private TimeSpan SnapshotTimeout => TimeSpan.FromSeconds((2 * (snapshotIntervalSeconds ?? new StateOptions().SnapshotIntervalSeconds)) + 60);

    // Workers on one machine need their own transactional ids (exactly-once mode; ignored otherwise), as separate
    // machines have by default. The snapshot interval is the scenario's (null: the worker's default).
    private Task<InProcessWorker> StartWorkerAsync(TestTopics topics, string group, int n)
    {
        var config = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Pipeline:TransactionalId"] = $"{group}-worker-{n}",
        };
        if (snapshotIntervalSeconds is { } seconds)
        {
            config["State:SnapshotIntervalSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return InProcessWorker.StartAsync(kafka, topics, group, config);
    }

    // Series with a record on the state topic (keys p{partition}/s/{series}).
    private static int SavedSeries(IReadOnlyList<Arrived> records) =>
        records.Select(a => a.Message.Key).Where(k => k is not null && k.Contains("/s/", StringComparison.Ordinal)).Distinct().Count();

    // A series whose state follows its partition never goes back to "filling" (an empty window) once it has predicted.
    private static List<string> SeriesThatStartedOver(IReadOnlyList<Arrived> predictions) =>
    [
        .. predictions
            .Select(a => a.Message.Json)
            .Select(j => (Series: j.GetProperty("series").GetString()!, Timestamp: j.GetProperty("timestamp").GetDateTimeOffset(), State: j.GetProperty("state").GetString()))
            .GroupBy(p => p.Series)
            .Where(g =>
            {
                var firstPredicted = g.Where(p => p.State != "filling").Select(p => p.Timestamp).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
                return g.Any(p => p.State == "filling" && p.Timestamp > firstPredicted);
            })
            .Select(g => g.Key),
    ];

    private static int Owned(IEnumerable<InProcessWorker> workers) => workers.Sum(w => w.AssignedPartitions);

    // Balanced: every partition owned exactly once over the workers, and every worker owns some. A rare CI run never
    // balanced (shares 6/5/0 for 60 s, not reproduced alone): the workers' own words about it go with the failure.
    private async Task<TimeSpan> BalancedAsync(IReadOnlyList<InProcessWorker> workers, string who)
    {
        if (await Poll.UntilAsync(() => Owned(workers) == TestTopics.Partitions && workers.All(w => w.AssignedPartitions > 0), RebalanceTimeout) is { } took)
        {
            return took;
        }

        var shares = string.Join("/", workers.Select(w => w.AssignedPartitions));
        var log = string.Join(Environment.NewLine, workers.Select((w, i) =>
            $"worker {i + 1}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", w.Log.Where(Speaks).TakeLast(15).Select(l => $"{l.Level} {l.Category}: {l.Message}"))));
        output.WriteLine(log);
        throw new TimeoutException($"{who}: no balanced assignment within {RebalanceTimeout.TotalSeconds} s (shares {shares}){Environment.NewLine}{log}");
    }

    private static bool Speaks(WorkerLogLine line) =>
        line.Level >= LogLevel.Warning || line.Category.Contains("Partition", StringComparison.Ordinal) || line.Category.Contains("Consumer", StringComparison.Ordinal);
}
