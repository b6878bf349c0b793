namespace Streaming.Model.Training;

/// <summary>The last few finite training losses and their median: the yardstick of an exploding loss. Not thread-safe.</summary>
internal sealed class RecentLosses(int capacity)
{
    private readonly float[] _losses = new float[capacity];
    private readonly float[] _sorted = new float[capacity];
    private int _next;

    /// <summary>Losses held (at most the capacity).</summary>
    public int Count { get; private set; }

    /// <summary>Adds a loss, forgetting the oldest once full; non-finite losses are not kept.</summary>
    public void Add(float loss)
    {
        if (!float.IsFinite(loss))
        {
            return;
        }

        _losses[_next] = loss;
        _next = (_next + 1) % _losses.Length;
        Count = Math.Min(Count + 1, _losses.Length);
    }

    /// <summary>The median of the held losses (the upper one of an even count); NaN when empty.</summary>
    public float Median()
    {
        if (Count == 0)
        {
            return float.NaN;
        }

        _losses.AsSpan(0, Count).CopyTo(_sorted);
        Span<float> held = _sorted.AsSpan(0, Count);
        held.Sort();
        return held[Count / 2];
    }
}
