namespace Streaming.Tools.Simulation;

/// <summary>
/// One simulated sensor: a deterministic function of the point index (seeded noise), with anomalies injected
/// at known indices. Units are arbitrary sensor units around <see cref="Level"/>.
/// </summary>
public sealed class SimulatedSeries
{
    private readonly Random _noise;
    private double _shift;
    private double _frozen;

    /// <summary>Creates a series; <paramref name="seed"/> fixes its noise.</summary>
    public SimulatedSeries(string id, SeriesShape shape, double level, double amplitude, double periodPoints, IReadOnlyList<InjectedEvent> events, int seed)
    {
        Id = id;
        Shape = shape;
        Level = level;
        Amplitude = amplitude;
        PeriodPoints = periodPoints;
        Events = events;
        _noise = new Random(seed);
    }

    /// <summary>Series id (the Kafka key).</summary>
    public string Id { get; }

    /// <summary>Base shape.</summary>
    public SeriesShape Shape { get; }

    /// <summary>Mean level.</summary>
    public double Level { get; }

    /// <summary>Sine amplitude.</summary>
    public double Amplitude { get; }

    /// <summary>Points per sine period.</summary>
    public double PeriodPoints { get; }

    /// <summary>Injected anomalies in index order.</summary>
    public IReadOnlyList<InjectedEvent> Events { get; }

    /// <summary>Points produced so far; the next value has this index.</summary>
    public long Index { get; private set; }

    /// <summary>The next value. Call in index order: level shifts and flat lines carry state forward.</summary>
    public double Next()
    {
        var i = Index++;
        var value = Base(i) + _shift;
        foreach (var e in Events)
        {
            if (i == e.AtPoint)
            {
                switch (e.Kind)
                {
                    case InjectedEventKind.Spike:
                        return value + (4 * Amplitude);
                    case InjectedEventKind.LevelShift:
                        _shift += 2 * Amplitude;
                        return value + (2 * Amplitude);
                    case InjectedEventKind.FlatLine:
                        _frozen = value;
                        return value;
                }
            }

            if (e.Kind == InjectedEventKind.FlatLine && i > e.AtPoint && i < e.AtPoint + e.Length)
            {
                return _frozen;
            }
        }

        return value;
    }

    private double Base(long i)
    {
        var sine = Amplitude * Math.Sin(2 * Math.PI * i / PeriodPoints);
        return Shape switch
        {
            SeriesShape.CleanSine => Level + sine,
            SeriesShape.NoisySine => Level + sine + (0.1 * Amplitude * Gaussian()),
            _ => Level + (0.02 * Amplitude * i / PeriodPoints * 10) + (0.3 * sine) + (0.05 * Amplitude * Gaussian()),
        };
    }

    private double Gaussian()
    {
        // Box–Muller: enough for simulated sensor noise.
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
