using System.Collections.Concurrent;
using System.Globalization;
using Streaming.Tools.Simulation;

namespace Streaming.Tools.Demo;

/// <summary>Matches flags against the injected anomalies: which were caught, how late, and what was flagged besides.</summary>
public sealed class DemoReport(IReadOnlyList<SimulatedSeries> series, SimulatorProducer simulator)
{
    /// <summary>Points after an anomaly's end within which a flag still counts as catching it.</summary>
    public const int Tolerance = 20;

    private readonly Dictionary<string, SimulatedSeries> _byId = series.ToDictionary(s => s.Id, StringComparer.Ordinal);

    // Highest score read back within each injected anomaly's reach, so a miss can say how close it came.
    private readonly ConcurrentDictionary<(string Series, InjectedEvent Event), (double Score, long Index)> _highest = new();

    /// <summary>Notes a prediction's score (from the predictions topic) against the injected anomaly it falls on, if any.</summary>
    public void ObserveScore(string seriesId, DateTimeOffset timestamp, double score)
    {
        var index = simulator.IndexOf(timestamp);
        if (Match(seriesId, index) is { } e)
        {
            _highest.AddOrUpdate((seriesId, e), (score, index), (_, best) => score > best.Score ? (score, index) : best);
        }
    }

    /// <summary>A short note for the console line of one flag.</summary>
    public string Describe(FlaggedPoint flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var index = simulator.IndexOf(flag.Timestamp);
        return Match(flag.Series, index) is { } e
            ? string.Create(CultureInfo.InvariantCulture, $"<- injected {e.Kind} at point {e.AtPoint} (+{index - e.AtPoint})")
            : string.Create(CultureInfo.InvariantCulture, $"(point {index}: no anomaly injected here)");
    }

    /// <summary>Prints the summary: every injected anomaly that was due, caught or missed, and the other flags.</summary>
    public void Print(TextWriter output, IReadOnlyCollection<FlaggedPoint> flags)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(flags);
        var caught = 0;
        var due = 0;
        output.WriteLine("Injected anomalies:");
        foreach (var s in series)
        {
            foreach (var e in s.Events.Where(e => e.AtPoint + e.Length + Tolerance <= s.Index))
            {
                due++;
                var hit = flags.Where(f => f.Series == s.Id).Select(f => simulator.IndexOf(f.Timestamp)).Where(i => e.Covers(i, Tolerance)).DefaultIfEmpty(-1).Min();
                caught += hit >= 0 ? 1 : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Id,-20} {e.Kind,-10} at point {e.AtPoint,5}: {(hit >= 0 ? $"flagged at +{hit - e.AtPoint}" : Missed(s.Id, e))}"));
            }
        }

        var other = flags.Count(f => Match(f.Series, simulator.IndexOf(f.Timestamp)) is null);
        var points = series.Sum(s => s.Index);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Summary: {caught}/{due} injected anomalies flagged; {other} other {(other == 1 ? "flag" : "flags")} in {points} points ({series.Count} series)."));
    }

    private string Missed(string seriesId, InjectedEvent e) => _highest.TryGetValue((seriesId, e), out var best)
        ? string.Create(CultureInfo.InvariantCulture, $"MISSED (highest score {best.Score:F3} at +{best.Index - e.AtPoint})")
        : "MISSED (no prediction read for it)";

    private InjectedEvent? Match(string seriesId, long index) =>
        _byId.TryGetValue(seriesId, out var s) && s.Events.FirstOrDefault(e => e.Covers(index, Tolerance)) is { Length: > 0 } e ? e : null;
}
