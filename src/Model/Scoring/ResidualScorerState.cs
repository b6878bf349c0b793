namespace Streaming.Model.Scoring;

/// <summary>
/// What a <see cref="ResidualScorer"/> has learnt, as plain numbers (for checkpoints): points scored, the long-term
/// statistics (count, mean, variance, in the residuals' unit), the cooldown's end and the short residual ring.
/// </summary>
public sealed record ResidualScorerState(
    long PointsScored,
    long StatsCount,
    double Mean,
    double Variance,
    long SuppressThrough,
    double[] Recent,
    int RecentNext,
    int RecentCount);
