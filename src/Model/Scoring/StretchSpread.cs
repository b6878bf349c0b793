namespace Streaming.Model.Scoring;

/// <summary>
/// A spread that one incident cannot inflate: the root of the median, over the last <see cref="Stretches"/> closed
/// stretches of <see cref="StretchPoints"/> points, of each stretch's mean square deviation. A holiday or an outage
/// lasts dozens of points; an exponentially weighted variance takes it in and measures the next incident, weeks later,
/// against a spread several times too wide. Here it fills one stretch, and the median passes over it.
/// </summary>
/// <remarks>
/// Unlike a median of the deviations themselves it does not collapse on a quantised series (one that reads the same
/// value most of the time): a stretch's mean square is 0 only when nothing in it moved. The stretches are the
/// <see cref="RoutineMisses"/>' (the series' last 4,000 points); the open one does not count. 16 floats and five
/// numbers. Not thread-safe: a series is owned by one thread.
/// </remarks>
public sealed class StretchSpread
{
    /// <summary>Closed stretches remembered.</summary>
    public const int Stretches = RoutineMisses.Blocks;

    /// <summary>Points in a stretch.</summary>
    public const int StretchPoints = RoutineMisses.BlockPoints;

    /// <summary>Closed stretches needed before there is a spread: a median of fewer is one stretch's word.</summary>
    public const int MinStretches = 3;

    // Ring of the closed stretches' mean squares; the first `_closed` slots in ring order are filled.
    private readonly float[] _meanSquares = new float[Stretches];
    private int _next;
    private int _closed;
    private int _points;
    private double _squares;

    /// <summary>The state of a spread that has seen nothing.</summary>
    public static StretchSpreadState Empty => new(new float[Stretches], 0, 0, 0, 0);

    /// <summary>The spread (the deviations' unit); NaN until <see cref="MinStretches"/> stretches have closed.</summary>
    public double Std { get; private set; } = double.NaN;

    /// <summary>Takes one deviation; a non-finite one counts as a point that did not move.</summary>
    public void Record(double deviation)
    {
        if (double.IsFinite(deviation))
        {
            _squares += deviation * deviation;
        }

        if (++_points < StretchPoints)
        {
            return;
        }

        _meanSquares[_next] = (float)Math.Min(_squares / StretchPoints, float.MaxValue);
        _next = (_next + 1) % Stretches;
        _closed = Math.Min(_closed + 1, Stretches);
        (_points, _squares) = (0, 0);
        Std = Median();
    }

    /// <summary>The state as plain numbers (for a state store).</summary>
    public StretchSpreadState Capture() => new([.. _meanSquares], _next, _closed, _points, _squares);

    /// <summary>Puts back a state taken by <see cref="Capture"/>; throws <see cref="ArgumentException"/> on numbers no
    /// spread could have.</summary>
    public void Restore(StretchSpreadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!IsValid(state))
        {
            throw new ArgumentException($"Not the state of a spread over {Stretches} stretches: {state}.", nameof(state));
        }

        state.MeanSquares.CopyTo(_meanSquares, 0);
        (_next, _closed, _points, _squares) = (state.Next, state.Closed, state.Points, state.Squares);
        Std = Median();
    }

    /// <summary>Whether <paramref name="state"/> holds numbers that a spread could have.</summary>
    public static bool IsValid(StretchSpreadState state) =>
        state is not null && state.MeanSquares.Length == Stretches && state.Next is >= 0 and < Stretches
        && state.Closed is >= 0 and <= Stretches && (state.Closed == Stretches || state.Next == state.Closed)
        && state.Points is >= 0 and < StretchPoints && state.Squares >= 0 && !double.IsPositiveInfinity(state.Squares)
        && state.MeanSquares.All(square => square >= 0);

    // Once per stretch: sorting 16 floats costs nothing against 250 points' predictions. Of an even count the upper
    // median: the spread errs wide.
    private double Median()
    {
        if (_closed < MinStretches)
        {
            return double.NaN;
        }

        Span<float> sorted = stackalloc float[_closed];
        _meanSquares.AsSpan(0, _closed).CopyTo(sorted);
        sorted.Sort();
        return Math.Sqrt(sorted[_closed / 2]);
    }
}
