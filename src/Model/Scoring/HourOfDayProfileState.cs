namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="HourOfDayProfile"/> knows: per UTC hour (index 0–23) the low and high kept and the day
/// (days since the Unix epoch) each was seen, and the hour being filled (hours since the Unix epoch,
/// <see cref="long.MinValue"/> for none) with its low and high so far; from state format 4 on also each hour's latest
/// mean and its day, and the open hour's sum and count (null means, 0 count: a record from before them).</summary>
public sealed record HourOfDayProfileState(float[] Low, int[] LowDay, float[] High, int[] HighDay, long OpenHour, double OpenLow, double OpenHigh)
{
    /// <summary>Per hour, the mean of its latest day; null in an older record.</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per hour, the day (days since the Unix epoch) of <see cref="Mean"/>; null in an older record.</summary>
    public int[]? MeanDay { get; init; }

    /// <summary>Sum of the open hour's values so far.</summary>
    public double OpenSum { get; init; }

    /// <summary>Values in the open hour so far.</summary>
    public int OpenCount { get; init; }

    /// <summary>Per hour of the week (hours since the Unix epoch modulo 168), the mean of its latest week; null in a
    /// record from before format 5.</summary>
    public float[]? WeekMean { get; init; }

    /// <summary>Per hour of the week, the week (hours since the Unix epoch / 168) of <see cref="WeekMean"/>; compared
    /// modulo 65,536 (older records kept 16 bits).</summary>
    public int[]? WeekNumber { get; init; }
}
