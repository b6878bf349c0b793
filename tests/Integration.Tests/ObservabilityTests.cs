using System.Diagnostics;
using System.Globalization;
using System.Net;
using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests;

/// <summary>
/// The worker's metrics (OpenTelemetry → Prometheus scrape endpoint) and health endpoints, on free ports, while
/// points flow through it on the embedded broker.
/// </summary>
public sealed class ObservabilityTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Health_turns_ready_and_the_scraped_numbers_move_as_points_flow()
    {
        var topics = await TestTopics.CreateAsync(kafka, "obs");
        var metricsUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        var healthUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, "obs-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string?>
        {
            ["Telemetry:PrometheusUrl"] = metricsUrl,
            ["Telemetry:HealthUrl"] = healthUrl,
            ["Kafka:Consumer:statistics.interval.ms"] = "500",
            ["Scoring:WarmupPoints"] = "150",
        });

        var live = await WaitForStatus(healthUrl + "health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(15));
        Assert.Contains("\"loops\"", live, StringComparison.Ordinal);
        var ready = await WaitForStatus(healthUrl + "health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Contains("partitions assigned", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(healthUrl + "nothing-here"))).StatusCode);

        var before = await Scrape(metricsUrl);
        Assert.Equal(0, PrometheusText.Sum(before, "detector_points_in_total") ?? 0);

        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        const int points = 400;
        var sinceFirstSend = Stopwatch.StartNew();
        await feed.PointsAsync(
            from i in Enumerable.Range(0, points / 2)
            from s in new[] { "obs-a", "obs-b" }
            select (s, i, 20 + (5 * Math.Sin(2 * Math.PI * i / 40)) + (s == "obs-a" && i == 180 ? 30 : 0)));
        await feed.SendAsync("obs-a", "{\"series\":\"obs-a\",\"value\":", valid: false);
        await feed.SendAsync("obs-a", "not json at all", valid: false);
        await feed.SendAsync("obs-b", "{\"series\":\"obs-b\",\"timestamp\":\"2026-01-01T00:00:00Z\"}", valid: false);

        var after = await PrometheusText.WaitForAsync(_http, metricsUrl, s => PrometheusText.Sum(s, "detector_points_out_total") >= points
            && PrometheusText.Sum(s, "detector_dead_letters_total") >= 3
            && PrometheusText.Sum(s, "detector_consumer_lag", $"topic=\"{topics.Input}\"") is not null, TimeSpan.FromSeconds(90));

        Assert.Equal(points + 3, PrometheusText.Sum(after, "detector_points_in_total"));
        Assert.Equal(points, PrometheusText.Sum(after, "detector_points_out_total"));
        Assert.Equal(points, PrometheusText.Sum(after, "detector_predictions_out_total"));
        Assert.Equal(2, PrometheusText.Sum(after, "detector_dead_letters_total", "reason=\"malformed-json\""));
        Assert.Equal(1, PrometheusText.Sum(after, "detector_dead_letters_total", "reason=\"missing-value\""));
        Assert.True(PrometheusText.Sum(after, "detector_anomalies_total") >= 1, "the spike on obs-a was not counted as an anomaly\n" + after);
        Assert.Equal(points, PrometheusText.Sum(after, "detector_batch_size_sum"));
        Assert.True(PrometheusText.Sum(after, "detector_training_loss_count") > 0, after);
        foreach (var stage in new[] { "queue", "model", "delivery" })
        {
            Assert.True(PrometheusText.Sum(after, "detector_stage_duration_seconds_count", $"stage=\"{stage}\"") > 0, $"no {stage} latency\n{after}");
        }

        Assert.Equal(points, PrometheusText.Sum(after, "detector_latency_seconds_count"));
        // End to end runs from a point's read to its outputs' acknowledgement: it holds the model time of the point's
        // batch (so the sum over points is at least the model stage's sum over batches), and a point cannot have
        // waited longer than the time since the test began sending.
        var e2eSum = PrometheusText.Sum(after, "detector_latency_seconds_sum")!.Value;
        var modelSum = PrometheusText.Sum(after, "detector_stage_duration_seconds_sum", "stage=\"model\"")!.Value;
        Assert.True(e2eSum >= modelSum, $"end-to-end latency summed over points {e2eSum:G4} s is less than the model stage's {modelSum:G4} s");
        // The hand-over (read → handed to the producer) is the first part of end to end: one per valid point, holding the
        // model time of its batch, and never more than the whole.
        Assert.Equal(points, PrometheusText.Sum(after, "detector_handover_latency_seconds_count"));
        var handOverSum = PrometheusText.Sum(after, "detector_handover_latency_seconds_sum")!.Value;
        Assert.InRange(handOverSum, modelSum, e2eSum);
        var waited = sinceFirstSend.Elapsed.TotalSeconds;
        Assert.True(e2eSum / points <= waited, $"mean end-to-end latency {e2eSum / points:G4} s, but the first point was sent only {waited:F1} s ago");

        // Once every input is processed and its offset committed, the worker is at the end of the topic: its lag must
        // fall to 0 (the wait fails with the last scrape if it never does; a lag read off the wrong offsets stays up).
        var lagLabel = $"topic=\"{topics.Input}\"";
        await PrometheusText.WaitForAsync(_http, metricsUrl, s => PrometheusText.Sum(s, "detector_consumer_lag", lagLabel) is 0, TimeSpan.FromSeconds(60));

        // Liveness names what it watches; readiness reports the partitions it owns.
        Assert.Contains("consume, model and publish threads running", await _http.GetStringAsync(new Uri(healthUrl + "health/live")), StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"\"partitions\":\"{TestTopics.Partitions}\""), await _http.GetStringAsync(new Uri(healthUrl + "health/ready")), StringComparison.Ordinal);

        await worker.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(new Uri(healthUrl + "health/live")));
    }

    private async Task<string> Scrape(string metricsUrl) => await _http.GetStringAsync(new Uri(metricsUrl + "metrics"));

    private async Task<string> WaitForStatus(string url, HttpStatusCode status, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < until)
        {
            using var response = await _http.GetAsync(new Uri(url));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == status)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} did not answer {(int)status} in time; last answer: {last}");
    }

    public void Dispose() => _http.Dispose();
}
