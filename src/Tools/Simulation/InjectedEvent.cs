namespace Streaming.Tools.Simulation;

/// <summary>An anomaly injected into a simulated series from point <see cref="AtPoint"/> for <see cref="Length"/> points.</summary>
public readonly record struct InjectedEvent(InjectedEventKind Kind, long AtPoint, int Length)
{
    /// <summary>True when point <paramref name="index"/> lies within the event or <paramref name="tolerance"/> points after it.</summary>
    public bool Covers(long index, int tolerance) => index >= AtPoint && index < AtPoint + Length + tolerance;
}
