namespace Streaming.Model.Scoring;

/// <summary>The clock of the per-hour memories (<see cref="HourOfDayProfile"/>, <see cref="LevelReference"/>).</summary>
internal static class UtcHour
{
    /// <summary>Whole UTC hours since the Unix epoch, rounded down (also before 1970).</summary>
    public static long Of(DateTimeOffset timestamp)
    {
        var hour = Math.DivRem(timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerHour, out var rest);
        return hour - (rest < 0 ? 1 : 0);
    }
}
