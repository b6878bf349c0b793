namespace Streaming.Model.Options;

/// <summary>How the worker's GRU reads a series (<c>Model:Mode</c>).</summary>
public enum ForecastMode
{
    /// <summary>Each prediction is a GRU pass over the series' last WindowSize points from a zero state.</summary>
    Windowed,

    /// <summary>
    /// Each series carries its GRU state and a point costs one cell step; trained statefully over chunks of WindowSize
    /// points. Needs a one-layer, one-direction GRU with last-state pooling.
    /// </summary>
    Streaming,
}
