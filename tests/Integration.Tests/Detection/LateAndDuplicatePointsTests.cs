using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests.Detection;

/// <summary>
/// Duplicate and out-of-order points through the whole worker on the embedded broker: each still gets exactly one
/// prediction, whose <c>state</c> says what it was, and they are counted by kind.
/// </summary>
public sealed class LateAndDuplicatePointsTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Every_duplicate_and_late_point_gets_one_prediction_saying_so_and_the_series_goes_on()
    {
        var topics = await TestTopics.CreateAsync(kafka, "late-dup");
        var metricsUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, "late-dup-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string?>
        {
            ["Telemetry:PrometheusUrl"] = metricsUrl,
            ["Scoring:WarmupPoints"] = "20",
        });
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);

        // What each message is, in the order sent; "new" is an in-order point (filling, warming-up or live).
        var expected = new List<(string Series, int Minute, string Kind)>();
        async Task Send(string series, int minute, double value, string kind)
        {
            await feed.PointAsync(series, minute, value);
            expected.Add((series, minute, kind));
        }

        foreach (var series in new[] { "ooo-a", "ooo-b" })
        {
            for (var i = 0; i < 80; i++)
            {
                await Send(series, i, 10 + (3 * Math.Sin(i / 4.0)), "new");
                switch (i)
                {
                    case 3: // while the first window fills: no prediction, still its message
                        await Send(series, 3, 99, "duplicate");
                        break;
                    case 30:
                        await Send(series, 30, 11, "duplicate");
                        await Send(series, 30, 12, "duplicate");
                        break;
                    case 40:
                        await Send(series, 20, 1e6, "late"); // far off the range: still never flagged
                        await Send(series, 39, 10, "late");
                        break;
                }
            }
        }

        var sent = feed.Sent;
        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, sent.Count, TimeSpan.FromSeconds(120));
        var bySource = predictions.GroupBy(p => p.Source!.Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(sent.Count, predictions.Count);
        for (var k = 0; k < sent.Count; k++)
        {
            var (series, minute, kind) = expected[k];
            var prediction = Assert.Single(bySource[(sent[k].Partition, sent[k].Offset)]).Json;
            var state = prediction.GetProperty("state").GetString();
            var where = $"{series} minute {minute} ({kind})";
            Assert.Equal(PointFeed.Origin.AddMinutes(minute), prediction.GetProperty("timestamp").GetDateTimeOffset());
            if (kind == "new")
            {
                Assert.True(state is "filling" or "warming-up" or "live", $"{where}: state {state}");
                continue;
            }

            Assert.True(kind == state, $"{where}: state {state}");
            Assert.False(prediction.GetProperty("is_anomaly").GetBoolean(), where);
            Assert.Equal(minute >= 10 ? System.Text.Json.JsonValueKind.Number : System.Text.Json.JsonValueKind.Null, prediction.GetProperty("predicted").ValueKind);
        }

        // Skipping the aside points, each series went on to live; whatever was flagged was an in-order point.
        Assert.All(new[] { "ooo-a", "ooo-b" }, series => Assert.Equal("live", predictions
            .Select(p => p.Json).Last(j => j.GetProperty("series").GetString() == series).GetProperty("state").GetString()));
        var anomalies = TopicReader.Read(kafka.BootstrapServers, topics.Anomalies, 0, TimeSpan.FromSeconds(2));
        Assert.All(anomalies, a => Assert.Equal("live", a.Json.GetProperty("state").GetString()));

        // Counted when published, so every one is in the metric by now.
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync(new Uri(metricsUrl + "metrics"));
        Assert.Equal(expected.Count(e => e.Kind == "duplicate"), PrometheusText.Sum(scrape, "detector_points_out_of_order_total", "kind=\"duplicate\""));
        Assert.Equal(expected.Count(e => e.Kind == "late"), PrometheusText.Sum(scrape, "detector_points_out_of_order_total", "kind=\"late\""));
    }
}
