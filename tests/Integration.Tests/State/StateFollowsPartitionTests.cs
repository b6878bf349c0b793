using System.Globalization;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.State;

/// <summary>
/// Per-series state saved to the state topic and restored on assignment: a restarted worker, or one that takes over a
/// partition, goes on where the last owner stopped; exactly-once mode gives each input point exactly one prediction
/// across restarts and rebalances.
/// </summary>
public sealed class StateFollowsPartitionTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int Series = 8;

    private static readonly TimeSpan RebalanceTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_restarted_worker_goes_on_without_a_new_warm_up()
    {
        var (states, _) = await RunWithRestartAsync(stateEnabled: true);

        // After the restart, every series is live from its first point: nothing fills its window or warms up again.
        Assert.All(states.Where(s => s.Index >= FirstRun), s => Assert.Equal("live", s.State));
    }

    [Fact]
    public async Task Without_state_a_restarted_worker_warms_every_series_up_again()
    {
        // The control for the test above: the same run with State:Enabled=false shows what the state topic saves.
        var (states, _) = await RunWithRestartAsync(stateEnabled: false);

        var after = states.Where(s => s.Index >= FirstRun).ToList();
        Assert.Equal(Series * SecondRun, after.Count(s => s.State is "filling" or "warming-up"));
    }

    [Fact]
    public async Task Exactly_once_gives_one_prediction_per_point_across_restarts_and_rebalances()
    {
        var topics = await TestTopics.CreateAsync(kafka, "eos");
        var group = "eos-" + Guid.NewGuid().ToString("N");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        var settings = (string id) => new Dictionary<string, string?>
        {
            ["Pipeline:Delivery"] = "ExactlyOnce",
            ["Pipeline:TransactionalId"] = $"{group}-{id}",
            ["State:SnapshotIntervalSeconds"] = "1",
        };
        var sent = 0;
        async Task SendAsync(int points)
        {
            await feed.PointsAsync(Points(sent, points));
            sent += points;
        }

        var first = await InProcessWorker.StartAsync(kafka, topics, group, settings("a"));
        await SendAsync(200);
        await WaitForPredictionsAsync(topics, Series * 200);
        // A second worker joins: partitions and their series move while points flow.
        var second = await InProcessWorker.StartAsync(kafka, topics, group, settings("b"));
        await SendAsync(100);
        var shared = await Poll.UntilAsync(() => second.AssignedPartitions > 0 && first.AssignedPartitions + second.AssignedPartitions == TestTopics.Partitions, RebalanceTimeout);
        Assert.True(shared is not null, $"the second worker was never given a share (first {first.AssignedPartitions}, second {second.AssignedPartitions} partitions)");
        await SendAsync(100);
        // The first leaves: everything moves to the second.
        await first.DisposeAsync();
        var alone = await Poll.UntilAsync(() => second.AssignedPartitions == TestTopics.Partitions, RebalanceTimeout);
        Assert.True(alone is not null, $"the second worker did not take over every partition ({second.AssignedPartitions} of {TestTopics.Partitions})");
        await SendAsync(100);
        await WaitForPredictionsAsync(topics, Series * sent);
        await second.DisposeAsync();
        // The first comes back (same transactional id) and takes its share again.
        await using var third = await InProcessWorker.StartAsync(kafka, topics, group, settings("a"));
        await SendAsync(100);

        var predictions = await WaitForPredictionsAsync(topics, Series * sent);
        var perInput = predictions.GroupBy(m => (m.Headers[OutputHeaders.SourcePartition], m.Headers[OutputHeaders.SourceOffset])).ToList();
        Assert.Equal(feed.Sent.Count, perInput.Count);
        Assert.All(perInput, g => Assert.Single(g));
        AssertNoSeriesWarmsUpTwice(predictions.Select(Parse));
    }

    private const int FirstRun = 300;
    private const int SecondRun = 60;

    private async Task<(List<PredictionState> States, TestTopics Topics)> RunWithRestartAsync(bool stateEnabled)
    {
        var topics = await TestTopics.CreateAsync(kafka, stateEnabled ? "restart" : "restart-cold");
        var group = "restart-" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?> { ["State:Enabled"] = stateEnabled ? "true" : "false" };
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        await using (var worker = await InProcessWorker.StartAsync(kafka, topics, group, settings))
        {
            await feed.PointsAsync(Points(0, FirstRun));
            await WaitForPredictionsAsync(topics, Series * FirstRun);
        }

        await using (var worker = await InProcessWorker.StartAsync(kafka, topics, group, settings))
        {
            await feed.PointsAsync(Points(FirstRun, SecondRun));
            var predictions = await WaitForPredictionsAsync(topics, Series * (FirstRun + SecondRun));
            var states = predictions.Select(Parse).ToList();
            // A graceful restart commits what was delivered: exactly one prediction per point, state or not.
            Assert.Equal(Series * (FirstRun + SecondRun), states.Count);
            Assert.Equal(states.Count, states.Select(s => (s.Series, s.Index)).Distinct().Count());
            if (stateEnabled)
            {
                AssertNoSeriesWarmsUpTwice(states);
            }

            return (states, topics);
        }
    }

    private static void AssertNoSeriesWarmsUpTwice(IEnumerable<PredictionState> states)
    {
        string[] order = ["filling", "warming-up", "live"];
        foreach (var series in states.GroupBy(s => s.Series))
        {
            var phases = series.OrderBy(s => s.Index).Select(s => Array.IndexOf(order, s.State)).ToList();
            for (var i = 1; i < phases.Count; i++)
            {
                Assert.True(phases[i] >= phases[i - 1], $"{series.Key} went back from {order[phases[i - 1]]} to {order[phases[i]]} at point {i}");
            }
        }
    }

    private static IEnumerable<(string Series, int Index, double Value)> Points(int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            for (var s = 0; s < Series; s++)
            {
                yield return ($"state-{s}", i, (10 * s) + Math.Sin(i / 8.0) + (0.05 * Math.Sin(i * 1.7 * (s + 1))));
            }
        }
    }

    private async Task<List<ReadMessage>> WaitForPredictionsAsync(TestTopics topics, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        List<ReadMessage> read;
        do
        {
            read = await Task.Run(() => TopicReader.Read(kafka.BootstrapServers, topics.Predictions, expected, TimeSpan.FromSeconds(15)));
        }
        while (read.Count < expected && DateTime.UtcNow < deadline);

        Assert.True(read.Count >= expected, $"{read.Count} of {expected} predictions arrived");
        return read;
    }

    private static PredictionState Parse(ReadMessage message)
    {
        var json = message.Json;
        var timestamp = DateTimeOffset.Parse(json.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var index = (int)(timestamp - PointFeed.Origin).TotalMinutes;
        return new PredictionState(json.GetProperty("series").GetString()!, index, json.GetProperty("state").GetString()!);
    }

    private sealed record PredictionState(string Series, int Index, string State);
}
