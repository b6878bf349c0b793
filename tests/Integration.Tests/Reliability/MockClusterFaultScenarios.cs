using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Tools.Embedded;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>
/// Broker faults injected through the mock cluster's fault API while points flow through one worker: the worker
/// loses nothing (and, in exactly-once mode, repeats nothing), stays healthy and catches up by itself within
/// <see cref="RecoveryBound"/>. Mock-only: real Kafka offers no hooks to inject these faults, so these scenarios have
/// no real-Kafka variant. Each test runs its own cluster, so that a fault never leaks into another test. The test's own
/// clients share the broker, so each scenario also shows from the worker's own log that the fault reached the worker.
/// </summary>
public abstract partial class MockClusterFaultScenarios(ITestOutputHelper output, DeliveryGuarantee guarantee, IReadOnlyDictionary<string, string?>? settings = null)
{
    /// <summary>Fault end → last point's first prediction read back. Generous: the machine is shared and loaded.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private const int PointsPerSecond = 300;

    private const short Produce = 0;
    private const short Fetch = 1;
    private const short OffsetCommit = 8;

    [Fact]
    public async Task Mock_fault_the_only_broker_down_for_5_s_then_up_loses_no_point()
    {
        var run = await RunThroughFaultAsync("broker-down", null, async cluster =>
        {
            cluster.SetBrokerDown(1);
            await Task.Delay(TimeSpan.FromSeconds(5));
            cluster.SetBrokerUp(1);
        });

        // The fault was real: with the only broker down, nothing reached the predictions topic for most of it.
        var stalled = run.ReadDuring(run.FaultStart + TimeSpan.FromSeconds(1), run.FaultEnd);
        Assert.True(stalled == 0, $"{stalled} predictions were read while the broker was down");

        // And the worker felt it: both its consumer and its producer reported the lost connection.
        foreach (var client in new[] { ConsumerCategory, ProducerCategory })
        {
            Assert.True(run.WorkerLog.Any(l => l.Category == client && l.Level == LogLevel.Warning && BrokerLost().IsMatch(l.Message)),
                $"{client} logged no lost broker:\n{run.Describe(client)}");
        }
    }

    [Fact]
    public async Task Mock_fault_retriable_request_errors_on_produce_fetch_and_offset_commit_lose_no_point()
    {
        // The consumer's fetch and group debug lines name every failed fetch and offset commit with its error.
        var run = await RunThroughFaultAsync("request-errors", "fetch,cgrp", async cluster =>
        {
            // Five waves, one a second: a flaky broker for five seconds, not a single blip. Each error fails one request
            // of whichever client sends it next, and a failed fetch backs off for 500 ms, so the waves are sized for the
            // clients to use them up within the second (a bigger queue of fetch errors stalls every reader for minutes).
            var commitErrors = new[] { ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut };
            for (var wave = 0; wave < 5; wave++)
            {
                cluster.PushRequestErrors(Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
                cluster.PushRequestErrors(Fetch, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
                cluster.PushRequestErrors(OffsetCommit, commitErrors[wave % commitErrors.Length]);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });

        // The worker's consumer (not only the test's reader) had requests fail with the injected errors, and retried.
        var failed = run.WorkerLog.Where(l => l.Category == ConsumerCategory && InjectedError().IsMatch(l.Message)).ToList();
        output.WriteLine($"the worker's consumer logged {failed.Count} requests failing with an injected error, e.g. {failed.FirstOrDefault()?.Message}");
        Assert.True(failed.Count > 0, $"the worker's consumer logged no request failing with an injected error:\n{run.Describe(ConsumerCategory)}");
    }

    [Fact]
    public async Task Mock_fault_a_slow_broker_with_1500_ms_round_trips_for_6_s_loses_no_point()
    {
        // The consumer's protocol debug lines give each response's round-trip time.
        var run = await RunThroughFaultAsync("slow-broker", "protocol", async cluster =>
        {
            cluster.SetBrokerRtt(1, 1500);
            await Task.Delay(TimeSpan.FromSeconds(6));
            cluster.SetBrokerRtt(1, 0);
        });

        // The fault was real: the predictions topic fell behind the feed while round trips took 1.5 s.
        var expected = (run.FaultEnd - run.FaultStart).TotalSeconds * PointsPerSecond;
        var read = run.ReadDuring(run.FaultStart, run.FaultEnd);
        Assert.True(read < expected, $"{read} predictions read during the slow period, the feed sent about {expected:F0}");

        // And the worker's own consumer waited the slow round trips (normally about a millisecond).
        var slowest = run.WorkerLog.Where(l => l.Category == ConsumerCategory)
            .Select(l => RoundTrip().Match(l.Message))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the worker's consumer's slowest round trip: {slowest} ms"));
        Assert.True(slowest >= 1400, $"the worker's consumer saw round trips of at most {slowest} ms");
    }

    private const string ConsumerCategory = "Streaming.Ingest.Kafka.PointConsumer";
    private const string ProducerCategory = "Streaming.Worker.Output.OutputPublisher";

    // The worker's input consumer runs with librdkafka's debug contexts <paramref name="consumerDebug"/> when given
    // (their lines come out at Debug, which the worker's captured log keeps).
    private async Task<FaultRun> RunThroughFaultAsync(string name, string? consumerDebug, Func<MockCluster, Task> fault)
    {
        using var kafka = new EmbeddedKafkaFixture();
        var topics = await TestTopics.CreateAsync(kafka, name);
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        using var predictions = new TopicWatch(kafka.BootstrapServers, topics.Predictions);
        var workerSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (consumerDebug is not null)
        {
            workerSettings["Kafka:Consumer:debug"] = consumerDebug;
        }

        await using var worker = await InProcessWorker.StartAsync(kafka, topics, $"{name}-{Guid.NewGuid():N}", workerSettings);
        var flow = SteadyFeed.Start(feed, name, series: 12, PointsPerSecond);
        Assert.True(await predictions.WaitForCountAsync(PointsPerSecond, Timeout), "the worker predicted nothing before the fault");

        var faultStart = DateTimeOffset.UtcNow;
        await fault(kafka.Cluster);
        var faultEnd = DateTimeOffset.UtcNow;
        var sent = await flow.StopAsync();
        var audit = await predictions.AuditAsync(sent, guarantee, Timeout);
        var recovery = audit.LastCovered is { } last && last > faultEnd ? last - faultEnd : TimeSpan.Zero;
        var health = await worker.HealthAsync();
        var run = new FaultRun(faultStart, faultEnd, predictions.Snapshot(), worker.Log);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RELIABILITY {name} ({guarantee}): fault {(faultEnd - faultStart).TotalSeconds:F1} s, {audit}, recovery {recovery.TotalSeconds:F1} s, read during the fault {run.ReadDuring(faultStart, faultEnd)}, health {health.Status}"));

        output.WriteLine("predictions read per second from the fault's start: " + run.Timeline());
        audit.Assert(guarantee);
        Assert.True(recovery < RecoveryBound, $"caught up {recovery.TotalSeconds:F1} s after the fault ended (bound {RecoveryBound.TotalSeconds} s)");
        Assert.True(health.Status == HealthStatus.Healthy,
            "unhealthy after the fault: " + string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));
        return run;
    }

    // The client errors the worker logs when its broker is gone (error callback of the consumer and the producer).
    [GeneratedRegex(@"error Local_(Transport|AllBrokersDown)")]
    private static partial Regex BrokerLost();

    // A failed request with one of the errors the request-errors scenario pushes (librdkafka's debug wording).
    [GeneratedRegex(@"(failed|dead).*(REQUEST_TIMED_OUT|NOT_LEADER|Request timed out|Not leader|Coordinator not available|Not coordinator)|(REQUEST_TIMED_OUT|NOT_LEADER|Request timed out|Not leader|Coordinator not available|Not coordinator).*failed")]
    private static partial Regex InjectedError();

    // librdkafka's protocol debug line for a response: "Received FetchResponse (v11, 72 bytes, CorrId 9, rtt 1503.22ms)".
    [GeneratedRegex(@"Received \w+Response \(.*rtt (?<ms>[0-9.]+)ms\)")]
    private static partial Regex RoundTrip();

    private sealed record FaultRun(DateTimeOffset FaultStart, DateTimeOffset FaultEnd, IReadOnlyList<Arrived> Predictions, IReadOnlyList<WorkerLogLine> WorkerLog)
    {
        public int ReadDuring(DateTimeOffset from, DateTimeOffset to) => Predictions.Count(a => a.At > from && a.At < to);

        // The last lines one of the worker's clients logged at Warning or above, for a failure message.
        public string Describe(string category) => string.Join("\n", WorkerLog.Where(l => l.Category == category && l.Level >= LogLevel.Warning).TakeLast(10).Select(l => $"{l.Level}: {l.Message}"));

        public string Timeline() => string.Join(" ", Predictions
            .GroupBy(a => (int)Math.Floor((a.At - FaultStart).TotalSeconds))
            .OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}s:{g.Count()}")));
    }
}
