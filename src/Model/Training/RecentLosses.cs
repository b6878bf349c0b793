namespace Streaming.Model.Training;

/// <summary>The last few finite training losses and their median: the yardstick of an exploding loss. Not thread-safe.</summary>
internal sealed class RecentLosses(int capacity)
{
    private readonly float[] losses = new float[capacity];
    private readonly float[] sorted = new float[capacity];
    private int next;

    /// <summary>Losses held (at most the capacity).</summary>
    public int Count { get; private set; }

    /// <summary>Adds a loss, forgetting the oldest once full; non-finite losses are not kept.</summary>
    public void Add(float loss)
    {
        if (!float.IsFinite(loss))
        {
            return;
        }

        losses[next] = loss;
        next = (next + 1) % losses.Length;
        Count = Math.Min(Count + 1, losses.Length);
    }

    /// <summary>The median of the held losses (the upper one of an even count); NaN when empty.</summary>
    public float Median()
    {
        if (Count == 0)
        {
            return float.NaN;
        }

        losses.AsSpan(0, Count).CopyTo(sorted);
        Span<float> held = sorted.AsSpan(0, Count);
        held.Sort();
        return held[Count / 2];
    }
}
