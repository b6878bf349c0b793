namespace Streaming.Tools.Simulation;

/// <summary>The base shapes of simulated series.</summary>
public enum SeriesShape
{
    /// <summary>A clean sine wave.</summary>
    CleanSine,

    /// <summary>A sine wave with Gaussian noise (σ = 10% of the amplitude).</summary>
    NoisySine,

    /// <summary>A rising trend under a small sine and noise.</summary>
    Trend,
}
