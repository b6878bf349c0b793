using System.Diagnostics;
using System.Globalization;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>
/// The worker as a child process, killed outright (SIGKILL) at random moments while points flow and restarted,
/// <see cref="Kills"/> times; the broker lives on in the test process. At the end every input point must have a
/// prediction, and exactly one when the scenario is run with <see cref="DeliveryGuarantee.ExactlyOnce"/> and the
/// settings that turn that mode on.
/// </summary>
public abstract class CrashScenarios(IKafkaUnderTest kafka, ITestOutputHelper output,
    DeliveryGuarantee guarantee = DeliveryGuarantee.AtLeastOnce, IReadOnlyDictionary<string, string?>? settings = null)
{
    /// <summary>Kill/restart cycles in one run.</summary>
    public const int Kills = 6;

    private const int PointsPerSecond = 200;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task A_worker_process_killed_at_random_moments_and_restarted_6_times_loses_no_point()
    {
        Skip.If(kafka.SkipReason is not null, kafka.SkipReason);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"kill moments from seed {seed} (RELIABILITY_SEED={seed} repeats them)");
        var random = new Random(seed);
        var topics = await TestTopics.CreateAsync(kafka, "crash");
        var group = $"crash-{Guid.NewGuid():N}";
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        using var predictions = new TopicWatch(kafka.BootstrapServers, topics.Predictions);
        var flow = SteadyFeed.Start(feed, "crash", series: 12, PointsPerSecond);

        var productive = 0;
        for (var cycle = 1; cycle <= Kills; cycle++)
        {
            using var worker = WorkerProcess.Start(kafka, topics, group, settings);
            var started = Stopwatch.StartNew();
            await worker.WaitUntilReadyAsync(StartTimeout);
            var ready = started.Elapsed;
            var readAtReady = predictions.Count;
            var life = TimeSpan.FromMilliseconds(random.Next(200, 4000));
            await Task.Delay(life);
            worker.Kill();
            var readDuringLife = predictions.Count - readAtReady;
            productive += readDuringLife > 0 ? 1 : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cycle {cycle}: pid {worker.Id} ready after {ready.TotalSeconds:F1} s, killed {life.TotalSeconds:F1} s later; predictions read meanwhile {readDuringLife}, points fed so far {flow.Produced}"));
        }

        using var survivor = WorkerProcess.Start(kafka, topics, group, settings);
        await survivor.WaitUntilReadyAsync(StartTimeout);
        var sent = await flow.StopAsync();
        var audit = await predictions.AuditAsync(sent, guarantee, CatchUpTimeout);
        output.WriteLine($"RELIABILITY crash ({guarantee}, {Kills} kills, seed {seed}): {audit}");

        audit.Assert(guarantee);
        Assert.False(survivor.HasExited, "the last worker died:\n" + survivor.OutputTail);
        // The kills must hit a working worker, not only ones still starting: most lives saw predictions go out.
        Assert.True(productive >= Kills / 2, $"only {productive} of {Kills} killed workers had predictions delivered while they lived");
    }
}
