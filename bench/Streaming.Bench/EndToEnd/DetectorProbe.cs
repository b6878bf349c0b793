using System.Diagnostics;
using System.Diagnostics.Metrics;
using Streaming.Worker.Telemetry;

namespace Streaming.Bench.EndToEnd;

/// <summary>
/// Watches the worker's own meter: when the first input arrived and how many predictions were delivered, so the
/// benchmark times the worker from its first input to its last delivered prediction without reading the output topic;
/// and the worker's own latency histogram's measurements, in the order it made them.
/// </summary>
public sealed class DetectorProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _predictions;
    private long _deadLetters;
    private long _learnable;
    private long _learned;
    private long _snapshots;
    private double _longestSnapshot;
    private long _firstInputTicks;
    private long _firstInputCpuTicks;
    private readonly List<double> _handOvers = [];

    /// <summary>Starts listening to <see cref="DetectorMetrics.MeterName"/>.</summary>
    public DetectorProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DetectorMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "detector.predictions.out":
                    Interlocked.Add(ref _predictions, value);
                    break;
                case "detector.points.in":
                    if (Interlocked.CompareExchange(ref _firstInputTicks, Stopwatch.GetTimestamp(), 0) == 0)
                    {
                        Interlocked.Exchange(ref _firstInputCpuTicks, Environment.CpuUsage.TotalTime.Ticks);
                    }

                    break;
                case "detector.points.learnable":
                    Interlocked.Add(ref _learnable, value);
                    break;
                case "detector.points.learned":
                    Interlocked.Add(ref _learned, value);
                    break;
                case "detector.dead_letters":
                    Interlocked.Add(ref _deadLetters, value);
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "detector.handover.latency")
            {
                lock (_handOvers)
                {
                    _handOvers.Add(value);
                }

                return;
            }

            if (instrument.Name != "detector.stage.duration" || !IsSnapshot(tags))
            {
                return;
            }

            // The model thread records it, one at a time.
            Interlocked.Increment(ref _snapshots);
            Volatile.Write(ref _longestSnapshot, Math.Max(Volatile.Read(ref _longestSnapshot), value));
        });
        _listener.Start();
    }

    /// <summary>Predictions delivered so far.</summary>
    public long Predictions => Interlocked.Read(ref _predictions);

    /// <summary>Inputs dead-lettered so far.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Predicted points the model could have learned from so far.</summary>
    public long Learnable => Interlocked.Read(ref _learnable);

    /// <summary>Points the model learned from so far.</summary>
    public long Learned => Interlocked.Read(ref _learned);

    /// <summary>"learned from L of N learnable points (P%)", for a benchmark's report.</summary>
    public string LearnedSummary() => Learnable == 0
        ? "no learnable point"
        : $"learned from {Learned:N0} of {Learnable:N0} learnable points ({100.0 * Learned / Learnable:F1}%)";

    /// <summary>"n snapshot pauses, the longest X ms" (each a chunk of a state snapshot on the model thread), for a benchmark's report.</summary>
    public string SnapshotSummary() =>
        $"{Interlocked.Read(ref _snapshots)} snapshot pauses of the model thread, the longest {Volatile.Read(ref _longestSnapshot) * 1000:F1} ms";

    /// <summary>
    /// "worker read → handed to producer, ms: p50 p90 p99 max" over the worker's own histogram, all points and past the
    /// first tenth (the process's start out of the way), for a benchmark's report.
    /// </summary>
    public string HandOverSummary()
    {
        List<double> all;
        lock (_handOvers)
        {
            all = [.. _handOvers];
        }

        if (all.Count == 0)
        {
            return "worker read -> handed to producer: no measurement";
        }

        var tenths = string.Join(" ", Enumerable.Range(0, 10).Select(k =>
        {
            var tenth = all.GetRange(k * all.Count / 10, all.Count / 10);
            return tenth.Count == 0 ? "-" : (Percentile(tenth, 0.99) * 1000).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }));
        var steady = all.GetRange(all.Count / 10, all.Count - (all.Count / 10));
        return $"worker read -> handed to producer (its own histogram), p99 ms by tenth: {tenths}\n"
            + $"  after the first tenth {Percentiles(steady)}; all {Percentiles(all)}";
    }

    private static string Percentiles(List<double> seconds)
    {
        seconds.Sort();
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"ms p50={seconds[Index(seconds, 0.50)] * 1000:F2} p90={seconds[Index(seconds, 0.90)] * 1000:F2} p99={seconds[Index(seconds, 0.99)] * 1000:F2} max={seconds[^1] * 1000:F1}");
    }

    // Sorts a copy: the caller's list keeps its reading order.
    private static double Percentile(List<double> values, double q)
    {
        var sorted = new List<double>(values);
        sorted.Sort();
        return sorted[Index(sorted, q)];
    }

    private static int Index(List<double> sorted, double q) => Math.Min(sorted.Count - 1, (int)(q * sorted.Count));

    /// <summary>Stopwatch timestamp of the first input batch (0 before it).</summary>
    public long FirstInputTimestamp => Interlocked.Read(ref _firstInputTicks);

    /// <summary>The process's CPU time (all threads) when the first input batch arrived.</summary>
    public TimeSpan FirstInputCpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _firstInputCpuTicks));

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static bool IsSnapshot(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "stage" && tag.Value is "snapshot")
            {
                return true;
            }
        }

        return false;
    }
}
