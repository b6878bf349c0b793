using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Worker.Hosting;

namespace Streaming.Bench.Memory;

/// <summary>
/// <c>memory</c>: the worker's own detection engine (resolved from its host, one model shared by all series)
/// fed a few windows for each of many series. Prints resident and managed memory before and after, and the
/// bytes each series costs beyond the model.
/// </summary>
public static class MemoryBench
{
    /// <summary>Feeds <paramref name="pointsPerSeries"/> points to each of <paramref name="seriesCount"/> series.</summary>
    public static int Run(int seriesCount, int pointsPerSeries, IEnumerable<KeyValuePair<string, string?>> workerSettings)
    {
        using var host = DetectorHost.CreateBuilder([], workerSettings).Build().ValidateOptions();
        var engine = host.Services.GetRequiredService<DetectionEngine>();
        var ids = Enumerable.Range(0, seriesCount).Select(i => $"sensor-{i:D6}").ToArray();
        const int batch = 1024;
        var points = new SensorPoint[batch];
        var results = new DetectionResult[batch];

        // One batch first, so the model, its optimiser and torch's scratch memory exist before the baseline.
        Feed(engine, ["warm-up"], 64, points, results);
        var (rssBefore, managedBefore) = Measure();
        var clock = Stopwatch.StartNew();
        Feed(engine, ids, pointsPerSeries, points, results);
        var (rssAfter, managedAfter) = Measure();

        Console.WriteLine($"{seriesCount:N0} series x {pointsPerSeries} points in {clock.Elapsed.TotalSeconds:F1} s; series held: {engine.SeriesCount:N0}");
        Console.WriteLine($"resident: {Mib(rssBefore)} -> {Mib(rssAfter)} MiB; managed: {Mib(managedBefore)} -> {Mib(managedAfter)} MiB");
        Console.WriteLine($"bytes/series (managed) = {(managedAfter - managedBefore) / (double)seriesCount:F0}; bytes/series (resident) = {(rssAfter - rssBefore) / (double)seriesCount:F0}");
        return 0;
    }

    private static void Feed(DetectionEngine engine, string[] ids, int pointsPerSeries, SensorPoint[] points, DetectionResult[] results)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var n = 0;
        for (var t = 0; t < pointsPerSeries; t++)
        {
            for (var s = 0; s < ids.Length; s++)
            {
                points[n++] = new SensorPoint(ids[s], start.AddMinutes(t), Math.Sin((t * 0.1) + s) + (s % 7));
                if (n == points.Length)
                {
                    engine.Process(points, results);
                    n = 0;
                }
            }
        }

        engine.Process(points.AsSpan(0, n), results);
    }

    private static (long Rss, long Managed) Measure()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, managed);
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
