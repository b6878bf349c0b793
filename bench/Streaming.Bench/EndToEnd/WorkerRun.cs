using System.Diagnostics;
using Streaming.Worker.Hosting;

namespace Streaming.Bench.EndToEnd;

/// <summary>Runs the real worker host (default model, online learning on) over a pre-filled topic.</summary>
public static class WorkerRun
{
    /// <summary>
    /// Starts the worker with <paramref name="settings"/> on top of its defaults and waits for
    /// <paramref name="expected"/> delivered predictions; returns points/s from its first input to the last delivery, and
    /// the process's CPU time per point over the same stretch (all threads: worker, client and in-process broker), and
    /// how much of the stream the model learned from.
    /// </summary>
    public static async Task<(double PointsPerSecond, TimeSpan CpuPerPoint, string Learned)> RunAsync(IEnumerable<KeyValuePair<string, string?>> settings, long expected, TimeSpan limit)
    {
        using var probe = new DetectorProbe();
        using var host = DetectorHost.CreateBuilder([], settings).Build().ValidateOptions();
        await host.StartAsync().ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        while (probe.Predictions < expected && deadline.Elapsed < limit)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }

        var done = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime - probe.FirstInputCpuTime;
        var predictions = probe.Predictions;
        await host.StopAsync().ConfigureAwait(false);
        if (predictions < expected || probe.DeadLetters > 0)
        {
            throw new InvalidOperationException($"worker delivered {predictions} of {expected} predictions ({probe.DeadLetters} dead letters) within {limit}");
        }

        return (expected / Stopwatch.GetElapsedTime(probe.FirstInputTimestamp, done).TotalSeconds, cpu / expected, probe.LearnedSummary());
    }
}
