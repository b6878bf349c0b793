namespace Streaming.Model.Training;

/// <summary>
/// A <see cref="Random"/> whose whole state is one 64-bit number (SplitMix64), so a checkpoint can store where the
/// replay sampler stands and a restored model draws the same samples. Only the integer draws are overridden.
/// </summary>
internal sealed class SplitMix64(ulong state) : Random
{
    /// <summary>The generator's state; setting it replays the sequence from there.</summary>
    public ulong State { get; set; } = state;

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)((NextUInt64() >> 32) * (ulong)maxValue >> 32);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)((NextUInt64() >> 32) * (ulong)(maxValue - minValue) >> 32);
    }

    protected override double Sample() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
    {
        ulong z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
