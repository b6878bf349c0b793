namespace Streaming.Model.Training;

/// <summary>
/// Fixed-capacity ring buffer of (window, target) pairs in scaled units, with uniform random sampling.
/// Windows are stored row-major, <c>windowSize</c> floats each. Not thread-safe.
/// </summary>
internal sealed class ReplayBuffer
{
    private readonly float[] _windows;
    private readonly float[] _targets;
    private readonly int _windowSize;
    private int _next;

    public ReplayBuffer(int capacity, int windowSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        _windowSize = windowSize;
        _windows = new float[checked(capacity * windowSize)];
        _targets = new float[capacity];
    }

    public int Capacity => _targets.Length;

    public int Count { get; private set; }

    /// <summary>Stores one pair, overwriting the oldest once full; a no-op at capacity 0.</summary>
    public void Add(ReadOnlySpan<float> window, float target)
    {
        if (window.Length != _windowSize)
        {
            throw new ArgumentException($"Window must have {_windowSize} values, got {window.Length}.", nameof(window));
        }

        if (Capacity == 0)
        {
            return;
        }

        window.CopyTo(_windows.AsSpan(_next * _windowSize, _windowSize));
        _targets[_next] = target;
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Writes the stored pairs, oldest first: int32 count, then per pair W floats and the target.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        int first = Count < Capacity ? 0 : _next;
        for (int i = 0; i < Count; i++)
        {
            int index = (first + i) % Capacity;
            foreach (float value in _windows.AsSpan(index * _windowSize, _windowSize))
            {
                writer.Write(value);
            }

            writer.Write(_targets[index]);
        }
    }

    /// <summary>Adds the pairs <see cref="Write"/> wrote, oldest first (so at a smaller capacity the newest stay).</summary>
    public void Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var window = new float[_windowSize];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < _windowSize; j++)
            {
                window[j] = reader.ReadSingle();
            }

            Add(window, reader.ReadSingle());
        }
    }

    /// <summary>
    /// Writes <c>targetsOut.Length</c> pairs drawn uniformly with replacement into the outputs
    /// (<c>windowsOut</c> holds that many windows). Requires <see cref="Count"/> &gt; 0 unless empty outputs.
    /// </summary>
    public void Sample(Random random, Span<float> windowsOut, Span<float> targetsOut)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (windowsOut.Length != targetsOut.Length * _windowSize)
        {
            throw new ArgumentException("windowsOut must hold one window per target.", nameof(windowsOut));
        }

        if (targetsOut.Length > 0 && Count == 0)
        {
            throw new InvalidOperationException("Cannot sample from an empty replay buffer.");
        }

        for (int i = 0; i < targetsOut.Length; i++)
        {
            int index = random.Next(Count);
            _windows.AsSpan(index * _windowSize, _windowSize).CopyTo(windowsOut.Slice(i * _windowSize, _windowSize));
            targetsOut[i] = _targets[index];
        }
    }
}
