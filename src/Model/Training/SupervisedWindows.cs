namespace Streaming.Model.Training;

/// <summary>
/// A series cut into (window → next value) pairs, as the lesson's <c>create_dataset</c> does: pair i is
/// series[i..i+W) → series[i+W], for every i with a next value, so N − W pairs. Windows row-major [pairs, W].
/// </summary>
public sealed class SupervisedWindows
{
    /// <summary>Cuts <paramref name="series"/> (scaled values, oldest first) into windows of <paramref name="windowSize"/>.</summary>
    public SupervisedWindows(ReadOnlySpan<float> series, int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        if (series.Length <= windowSize)
        {
            throw new ArgumentException($"A series of {series.Length} points has no window of {windowSize} followed by a value.", nameof(series));
        }

        WindowSize = windowSize;
        Count = series.Length - windowSize;
        Windows = new float[Count * windowSize];
        Targets = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            series.Slice(i, windowSize).CopyTo(Windows.AsSpan(i * windowSize));
            Targets[i] = series[i + windowSize];
        }
    }

    /// <summary>
    /// The pairs of the Keras lesson's <c>create_dataset</c>, whose loop stops one pair short
    /// (<c>range(len(data) - time_step - 1)</c>): N − W − 1 pairs, 989 from 1,000 points.
    /// </summary>
    public static SupervisedWindows CreateDataset(ReadOnlySpan<float> series, int windowSize) =>
        new(series.IsEmpty ? series : series[..^1], windowSize);

    /// <summary>The first <paramref name="count"/> pairs, as a set of their own (a validation run's training part).</summary>
    public SupervisedWindows First(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new SupervisedWindows(Windows.AsSpan(0, count * WindowSize), Targets.AsSpan(0, count), WindowSize);
    }

    private SupervisedWindows(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets, int windowSize)
    {
        WindowSize = windowSize;
        Count = targets.Length;
        Windows = windows.ToArray();
        Targets = targets.ToArray();
    }

    /// <summary>Points per window (W).</summary>
    public int WindowSize { get; }

    /// <summary>Number of pairs.</summary>
    public int Count { get; }

    /// <summary>[Count, W] row-major.</summary>
    public float[] Windows { get; }

    /// <summary>[Count]: the value after each window.</summary>
    public float[] Targets { get; }

    /// <summary>The windows of pairs [first, first + count).</summary>
    public ReadOnlySpan<float> WindowsOf(int first, int count) => Windows.AsSpan(first * WindowSize, count * WindowSize);

    /// <summary>The targets of pairs [first, first + count).</summary>
    public ReadOnlySpan<float> TargetsOf(int first, int count) => Targets.AsSpan(first, count);
}
