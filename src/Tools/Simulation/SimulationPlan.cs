namespace Streaming.Tools.Simulation;

/// <summary>
/// Builds the demo's set of series: shapes in turn (clean sine, noisy sine, trend), and anomalies in turn
/// (spike, level shift, flat line) after the warm-up, staggered across series so they do not all fire at once.
/// </summary>
public static class SimulationPlan
{
    /// <summary>Points from one injected anomaly to the next in a series.</summary>
    public const int EventSpacing = 900;

    /// <summary>Points of a flat line.</summary>
    public const int FlatLineLength = 60;

    /// <summary>
    /// Creates <paramref name="count"/> series whose first anomaly comes <paramref name="firstEventAt"/> points in, until
    /// <paramref name="totalPoints"/>, injecting <paramref name="kinds"/> in turn (every kind when null; none when empty).
    /// </summary>
    public static IReadOnlyList<SimulatedSeries> Create(int count, long totalPoints, int firstEventAt = 700, int seed = 7, IReadOnlyList<InjectedEventKind>? kinds = null)
    {
        var shapes = Enum.GetValues<SeriesShape>();
        kinds ??= Enum.GetValues<InjectedEventKind>();
        var series = new List<SimulatedSeries>(count);
        for (var s = 0; s < count; s++)
        {
            var events = new List<InjectedEvent>();
            var k = 0;
            for (long at = firstEventAt + (97L * s % 400); kinds.Count > 0 && at < totalPoints - 50; at += EventSpacing, k++)
            {
                var kind = kinds[(s + k) % kinds.Count];
                events.Add(new InjectedEvent(kind, at, kind == InjectedEventKind.FlatLine ? FlatLineLength : 1));
            }

            var shape = shapes[s % shapes.Length];
            series.Add(new SimulatedSeries($"sensor-{s + 1:D2}-{ShapeName(shape)}", shape, 20 + (5 * s), 5 + s, 50 + (7 * s), events, seed + s));
        }

        return series;
    }

    private static string ShapeName(SeriesShape shape) => shape switch
    {
        SeriesShape.CleanSine => "sine",
        SeriesShape.NoisySine => "noisy",
        _ => "trend",
    };
}
