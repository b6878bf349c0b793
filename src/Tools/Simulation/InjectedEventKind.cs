namespace Streaming.Tools.Simulation;

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
