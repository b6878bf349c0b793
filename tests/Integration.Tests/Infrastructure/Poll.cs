using System.Diagnostics;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>Wait-until-condition loops instead of sleeps: robust on a loaded machine, and they measure how long it took.</summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Checks <paramref name="condition"/> every <paramref name="interval"/> (default 50 ms) until it holds; returns the
    /// time that took, or null when <paramref name="timeout"/> passed first.
    /// </summary>
    public static async Task<TimeSpan?> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed >= timeout)
            {
                return null;
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
