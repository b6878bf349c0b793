using System.Globalization;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests;

/// <summary>
/// The worker end to end over real Kafka clients and TCP: input topic → worker in an in-process host →
/// predictions, anomalies and dead letters. Each scenario runs on the embedded broker and on real Kafka.
/// </summary>
public abstract class DetectorScenarios(IKafkaUnderTest kafka)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(120);

    private static readonly Dictionary<string, string?> QuickWarmup = new() { ["Scoring:WarmupPoints"] = "150" };

    [SkippableFact]
    public async Task Every_point_gets_one_prediction_and_an_injected_spike_is_flagged_on_its_series_only()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        var topics = await TestTopics.CreateAsync(kafka, "spike");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, Group(), QuickWarmup);

        const int points = 700;
        const int spikeAt = 500;
        var series = new (string Id, double Level, double Amplitude, double Period)[]
        {
            ("clean-a", 10, 3, 40), ("clean-b", 50, 10, 60), ("clean-c", -5, 1, 25), ("spiky", 20, 5, 50),
        };
        await feed.PointsAsync(
            from i in Enumerable.Range(0, points)
            from s in series
            select (s.Id, i, s.Level + (s.Amplitude * Math.Sin(2 * Math.PI * i / s.Period)) + (s.Id == "spiky" && i == spikeAt ? 4 * s.Amplitude : 0)));

        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, points * series.Length, ReadTimeout);
        AssertExactlyOnePredictionPerValidInput(feed.Sent, predictions);
        var flags = TopicReader.Read(kafka.BootstrapServers, topics.Anomalies, 1, TimeSpan.FromSeconds(10));
        var flagged = flags.Select(f => (Series: f.Json.GetProperty("series").GetString(), Index: IndexOf(f))).ToList();
        Assert.Contains(flagged, f => f.Series == "spiky" && f.Index is >= spikeAt and <= spikeAt + 3);
        Assert.DoesNotContain(flagged, f => f.Series != "spiky");
        Assert.All(flags, f => Assert.Equal("live", f.Json.GetProperty("state").GetString()));
    }

    [SkippableFact]
    public async Task Malformed_messages_go_to_the_dead_letter_topic_with_their_reason_and_valid_points_around_them_are_processed()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        var topics = await TestTopics.CreateAsync(kafka, "dlq");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, Group(), QuickWarmup);

        var bad = new (string Payload, string Code)[]
        {
            ("{\"series\":\"s1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":", "malformed-json"),
            ("{\"series\":\"s1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":\"NaN\"}", "non-finite-value"),
            ("{\"series\":\"s1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}", "missing-value"),
            ("{\"series\":\"s1\",\"timestamp\":\"yesterday\",\"value\":1}", "invalid-timestamp"),
            ("{\"series\":\"s1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1,\"pad\":\"" + new string('x', 70_000) + "\"}", "payload-too-large"),
            ("{\"series\":\"other\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"value\":1}", "series-key-mismatch"),
        };
        for (var i = 0; i < 300; i++)
        {
            await feed.PointAsync("s1", i, Math.Sin(i / 5.0));
            if (i % 50 == 25)
            {
                var (payload, _) = bad[i / 50];
                await feed.SendAsync("s1", payload, valid: false);
            }
        }

        var sent = feed.Sent;
        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, 300, ReadTimeout);
        AssertExactlyOnePredictionPerValidInput(sent, predictions);

        var letters = TopicReader.Read(kafka.BootstrapServers, topics.DeadLetters, bad.Length, ReadTimeout);
        Assert.Equal(bad.Length, letters.Count);
        var invalid = sent.Where(m => !m.Valid).ToList();
        foreach (var (message, expected) in invalid.Zip(bad))
        {
            var letter = Assert.Single(letters, l => l.Headers[OutputHeaders.SourceOffset] == message.Offset.ToString(CultureInfo.InvariantCulture)
                && l.Headers[OutputHeaders.SourcePartition] == message.Partition.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(expected.Code, letter.Headers[OutputHeaders.Error]);
            Assert.False(string.IsNullOrWhiteSpace(letter.Headers[OutputHeaders.Reason]));
            Assert.Equal(topics.Input, letter.Headers[OutputHeaders.SourceTopic]);
            Assert.Equal("s1", letter.Key);
            Assert.Equal(message.Value, System.Text.Encoding.UTF8.GetString(letter.Value!));
        }
    }

    [SkippableFact]
    public async Task A_worker_stopped_mid_stream_and_restarted_leaves_no_point_without_a_prediction()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        var topics = await TestTopics.CreateAsync(kafka, "restart");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        var group = Group();
        const int perHalf = 1500;
        static IEnumerable<(string, int, double)> Half(int start) =>
            from i in Enumerable.Range(start, perHalf / 3)
            from s in new[] { "r1", "r2", "r3" }
            select (s, i, Math.Sin(i / 7.0) * s.Length);

        var first = await InProcessWorker.StartAsync(kafka, topics, group, QuickWarmup);
        await feed.PointsAsync(Half(0));
        var early = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, perHalf / 3, ReadTimeout);
        Assert.NotEmpty(early);

        // Stop while the second half is arriving: some of it is read by nobody until the restart.
        var stopping = first.StopAsync();
        await feed.PointsAsync(Half(perHalf / 3));
        await stopping;
        await first.DisposeAsync();
        var beforeRestart = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, 2 * perHalf, TimeSpan.FromSeconds(3));
        Assert.True(beforeRestart.Count < 2 * perHalf, $"the first worker must not have finished the stream ({beforeRestart.Count} predictions)");

        await using var second = await InProcessWorker.StartAsync(kafka, topics, group, QuickWarmup);
        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, 2 * perHalf, ReadTimeout);
        var covered = predictions.Select(SourceOf).ToHashSet();
        var missing = feed.Sent.Where(m => !covered.Contains((m.Partition, m.Offset))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {feed.Sent.Count} points have no prediction");
    }

    private static string Group() => "workers-" + Guid.NewGuid().ToString("N");

    private static long IndexOf(ReadMessage message) =>
        (long)Math.Round((message.Json.GetProperty("timestamp").GetDateTimeOffset() - PointFeed.Origin).TotalMinutes);

    private static (int Partition, long Offset) SourceOf(ReadMessage message) => (
        int.Parse(message.Headers[OutputHeaders.SourcePartition], CultureInfo.InvariantCulture),
        long.Parse(message.Headers[OutputHeaders.SourceOffset], CultureInfo.InvariantCulture));

    private static void AssertExactlyOnePredictionPerValidInput(IReadOnlyList<SentMessage> sent, List<ReadMessage> predictions)
    {
        var valid = sent.Where(m => m.Valid).ToList();
        var bySource = predictions.GroupBy(SourceOf).ToDictionary(g => g.Key, g => g.Count());
        var missing = valid.Count(m => !bySource.ContainsKey((m.Partition, m.Offset)));
        var duplicated = bySource.Count(kv => kv.Value > 1);
        Assert.True(missing == 0 && duplicated == 0,
            $"{valid.Count} valid points, {predictions.Count} predictions: {missing} without a prediction, {duplicated} with more than one");
        Assert.Equal(valid.Count, predictions.Count);
    }
}
