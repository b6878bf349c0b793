namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="NoveltyDetector"/> knows: the recent bands (newest last), how many are filled, the range seen, and per
/// sequence length the sequence keys seen.</summary>
public sealed record NoveltyState(int[] Recent, int Count, double Min, double Max, long[][] Seen);
