namespace Streaming.Model.Windows;

/// <summary>
/// Fixed-capacity ring of the newest values of one series (raw units), read oldest first.
/// Adding to a full window overwrites the oldest value; nothing allocates after construction.
/// Not thread-safe: one series is owned by one consumer thread.
/// </summary>
public sealed class RollingWindow
{
    private readonly double[] _buffer;

    // Index of the oldest value; values run from here, wrapping at the end of the buffer.
    private int _start;

    /// <summary>Creates an empty window holding at most <paramref name="capacity"/> (&gt; 0) values.</summary>
    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new double[capacity];
    }

    /// <summary>Maximum number of values held.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Number of values held, up to <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>True once <see cref="Capacity"/> values have been added.</summary>
    public bool IsFull => Count == _buffer.Length;

    /// <summary>The value at <paramref name="index"/>, where 0 is the oldest and Count - 1 the newest.</summary>
    public double this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {Count}).");
            }

            int physical = _start + index;
            return _buffer[physical < _buffer.Length ? physical : physical - _buffer.Length];
        }
    }

    /// <summary>Appends the newest value, evicting the oldest when full.</summary>
    public void Add(double value)
    {
        if (Count < _buffer.Length)
        {
            int end = _start + Count;
            _buffer[end < _buffer.Length ? end : end - _buffer.Length] = value;
            Count++;
            return;
        }

        _buffer[_start] = value;
        _start = _start + 1 == _buffer.Length ? 0 : _start + 1;
    }

    /// <summary>Copies the <see cref="Count"/> values, oldest first, to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {Count} needed.", nameof(destination));
        }

        GetSegments(out ReadOnlySpan<double> older, out ReadOnlySpan<double> newer);
        older.CopyTo(destination);
        newer.CopyTo(destination[older.Length..]);
    }

    /// <summary>
    /// The values as two contiguous runs, oldest first: <paramref name="older"/> then <paramref name="newer"/>
    /// (empty unless the ring has wrapped). Lets callers transform the window without per-element index maths.
    /// The spans are invalidated by the next <see cref="Add"/>.
    /// </summary>
    public void GetSegments(out ReadOnlySpan<double> older, out ReadOnlySpan<double> newer)
    {
        int firstLength = Math.Min(Count, _buffer.Length - _start);
        older = _buffer.AsSpan(_start, firstLength);
        newer = _buffer.AsSpan(0, Count - firstLength);
    }
}
