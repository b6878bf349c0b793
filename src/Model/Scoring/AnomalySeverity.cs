namespace Streaming.Model.Scoring;

/// <summary>
/// How far out a flagged point is, by its z-score (standard deviations of the short-term mean |residual| above its
/// long-term mean): <see cref="High"/> for z ≥ 10, <see cref="Medium"/> for z ≥ 6, <see cref="Low"/> for any other
/// flagged point. Unflagged points are <see cref="None"/>.
/// </summary>
public enum AnomalySeverity
{
    /// <summary>Not flagged.</summary>
    None,

    /// <summary>Flagged with z &lt; 6.</summary>
    Low,

    /// <summary>Flagged with 6 ≤ z &lt; 10.</summary>
    Medium,

    /// <summary>Flagged with z ≥ 10.</summary>
    High,
}
