namespace Streaming.Model.Scoring;

/// <summary>
/// Per-series novelty of the raw values themselves, independent of the forecaster: what a prediction residual shows
/// badly because the model learns the new behaviour within a few dozen points. Two signals, in [0, 1]:
/// <list type="bullet">
/// <item>Out of range: the value lies beyond the range seen so far by more than RangeTolerance × that range
/// (a new extreme).</item>
/// <item>New context: values are quantised into ContextLevels bands of the range seen so far (one more band each side
/// for values beyond it); the sequences of the last 1..ContextLength bands are looked up among those seen before.
/// Scores <see cref="ContextWeight"/> × (share of these sequences never seen before).</item>
/// </list>
/// A repeating pattern stops being new after one period; a series that wanders into a shape it never had before
/// (a missing daily peak, a plateau at an unusual level) is new even when every value is within range.
/// </summary>
/// <remarks>Memory is bounded by the number of distinct sequences, at most (ContextLevels + 2)^ContextLength per
/// length: a bit per possible sequence while that is small (≤ 512 bits with the defaults, see <see cref="SeenSequences"/>).
/// Not thread-safe: a series is owned by one thread.</remarks>
public sealed class NoveltyDetector
{
    /// <summary>Score of a sequence that is new at every length: just below an out-of-range value.</summary>
    public const double ContextWeight = 0.99;

    private readonly double _tolerance;
    private readonly int _levels;
    private readonly int[] _recent;
    private readonly SeenSequences[] _seen;
    private int _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Creates a detector; <paramref name="contextLength"/> 0 turns the context signal off.</summary>
    public NoveltyDetector(double rangeTolerance, int contextLevels, int contextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rangeTolerance);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLevels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLength);
        _tolerance = rangeTolerance;
        _levels = contextLevels;
        _recent = new int[contextLength];
        _seen = [.. Enumerable.Range(1, contextLength).Select(length => new SeenSequences(KeySpace(contextLevels + 2, length)))];
    }

    /// <summary>
    /// Judges <paramref name="value"/> (raw units) against what came before, then learns it. Non-finite values are
    /// not novel and teach nothing.
    /// </summary>
    public Novelty Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            return default;
        }

        double range = _max - _min;
        bool outOfRange = range > 0 && (value > _max + (_tolerance * range) || value < _min - (_tolerance * range));
        double context = ContextNovelty(Band(value, range));
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        return new Novelty(outOfRange, ContextWeight * context);
    }

    /// <summary>The state as plain numbers (for a state store): recent bands, range seen, and the band sequences seen per length.</summary>
    public NoveltyState Capture() => new([.. _recent], _count, _min, _max, [.. _seen.Select(s => s.Sorted())]);

    /// <summary>Puts back a state taken by <see cref="Capture"/> from a detector with the same settings.</summary>
    public void Restore(NoveltyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Recent.Length != _recent.Length || state.Seen.Length != _seen.Length)
        {
            throw new ArgumentException($"The state is of a detector with context length {state.Recent.Length}, this one has {_recent.Length}.", nameof(state));
        }

        state.Recent.CopyTo(_recent, 0);
        (_count, _min, _max) = (state.Count, state.Min, state.Max);
        for (var i = 0; i < _seen.Length; i++)
        {
            _seen[i].ReplaceWith(state.Seen[i]);
        }
    }

    // Keys of sequences of `length` bands in base `digits`: [0, digits^length), or long.MaxValue when that overflows.
    private static long KeySpace(int digits, int length)
    {
        long space = 1;
        for (var i = 0; i < length; i++)
        {
            space = space > long.MaxValue / digits ? long.MaxValue : space * digits;
        }

        return space;
    }

    // -1 well below the range, _levels above it, 0 while the range is still a single value (the cast truncates).
    private int Band(double value, double range) =>
        range > 0 ? (int)Math.Clamp((value - _min) / range * _levels, -1, _levels) : 0;

    private double ContextNovelty(int band)
    {
        if (_recent.Length == 0)
        {
            return 0;
        }

        // Shift the band into the ring of recent bands (newest last).
        // A span copy: Array.Copy's type checks cost more than moving ContextLength (3) ints, once per point.
        _recent.AsSpan(1).CopyTo(_recent);
        _recent[^1] = band;
        _count = Math.Min(_count + 1, _recent.Length);

        int lengths = 0, fresh = 0;
        long key = 0;
        for (int length = 1; length <= _count; length++)
        {
            // Bands are in [-1, levels]: base (levels + 2) digits, newest first, so each length extends the previous key.
            key = (key * (_levels + 2)) + _recent[^length] + 1;
            lengths++;
            fresh += _seen[length - 1].Add(key) ? 1 : 0;
        }

        return (double)fresh / lengths;
    }
}
