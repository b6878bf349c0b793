namespace Streaming.Model.Scoring;

/// <summary>What <see cref="ResidualStatistics"/> has learnt: update count, long-term mean and variance (residuals'
/// unit), and the short ring with its next slot and fill.</summary>
public sealed record ResidualStatisticsState(long Count, double Mean, double Variance, double[] Recent, int RecentNext, int RecentCount)
{
    /// <summary>The stretches' spread, for statistics kept with one (<see cref="StretchSpread"/>); null otherwise.</summary>
    public StretchSpreadState? Spread { get; init; }

    /// <summary>Statistics that have seen nothing.</summary>
    public static ResidualStatisticsState Empty { get; } = new(0, 0, 0, [], 0, 0);
}
