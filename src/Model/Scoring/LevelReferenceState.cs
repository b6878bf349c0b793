namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="LevelReference"/> knows, in hours and days since the Unix epoch: its first hour, the open
/// hour with its low and high so far, the closed hours not yet in the reference (oldest first) and the day blocks
/// (<see cref="int.MinValue"/> for an empty one).</summary>
public sealed record LevelReferenceState(
    long FirstHour,
    long OpenHour,
    double OpenLow,
    double OpenHigh,
    long[] RecentHour,
    float[] RecentLow,
    float[] RecentHigh,
    int[] BlockDay,
    float[] BlockLow,
    float[] BlockHigh);
