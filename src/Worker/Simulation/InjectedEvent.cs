namespace Streaming.Worker.Simulation;

/// <summary>The kinds of anomaly the simulator injects.</summary>
public enum InjectedEventKind
{
    /// <summary>One point far off the pattern.</summary>
    Spike,

    /// <summary>The series jumps to a new level and stays there.</summary>
    LevelShift,

    /// <summary>The series freezes at one value for a while.</summary>
    FlatLine,
}

/// <summary>An anomaly injected into a simulated series from point <see cref="AtPoint"/> for <see cref="Length"/> points.</summary>
public readonly record struct InjectedEvent(InjectedEventKind Kind, long AtPoint, int Length)
{
    /// <summary>True when point <paramref name="index"/> lies within the event or <paramref name="tolerance"/> points after it.</summary>
    public bool Covers(long index, int tolerance) => index >= AtPoint && index < AtPoint + Length + tolerance;
}
