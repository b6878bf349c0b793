namespace Streaming.Worker.Detection;

/// <summary>Where a series stands in its life: the <c>state</c> field of every prediction message.</summary>
public enum SeriesPhase
{
    /// <summary>Its first window is not full yet: no prediction, no score.</summary>
    Filling,

    /// <summary>Predicted and scored, but within the warm-up: never flagged.</summary>
    WarmingUp,

    /// <summary>Predicted, scored and flagged when the score passes the threshold.</summary>
    Live,
}
