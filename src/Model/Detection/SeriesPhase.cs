namespace Streaming.Model.Detection;

/// <summary>
/// The <c>state</c> field of every prediction message: where the series stands in its life, or, for a point not newer
/// than the series' last one, why it stood aside (predicted only: not flagged, not in the window, not learned).
/// </summary>
public enum SeriesPhase
{
    /// <summary>Its first window is not full yet: no prediction, no score.</summary>
    Filling,

    /// <summary>Predicted and scored, but within the warm-up: never flagged.</summary>
    WarmingUp,

    /// <summary>Predicted, scored and flagged when the score passes the threshold.</summary>
    Live,

    /// <summary>Its timestamp equals the series' last accepted one: predicted from the current window only.</summary>
    Duplicate,

    /// <summary>Its timestamp is older than the series' last accepted one: predicted from the current window only.</summary>
    Late,
}
