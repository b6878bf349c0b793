namespace Streaming.Model.Scoring;

/// <summary>
/// The misses a series makes again and again, whatever its clock: the largest miss of each of its last
/// <see cref="Blocks"/> closed stretches of <see cref="BlockPoints"/> scored points. A miss no larger than the
/// <see cref="Times"/>-th largest of them is the series' routine (<see cref="Usual"/>): it missed at least as much in that
/// many separate stretches of its last 4,000 points. A nightly job the model cannot time, or a channel that switches
/// between its modes at moments nobody can predict, misses like that all the time; an incident it never had does not.
/// </summary>
/// <remarks>
/// A miss is in the series' ranges (the residual's short-term mean off its long-term mean over the range seen so far),
/// so it keeps its meaning while the residual statistics shrink over a long flat stretch, which is exactly when a
/// mode switch would otherwise look enormous. Three stretches, not one: one huge incident does not excuse the next of
/// its size. The open stretch does not count, so an incident under way does not excuse itself. 16 floats and three
/// numbers per series. Not thread-safe: a series is owned by one thread.
/// </remarks>
public sealed class RoutineMisses
{
    /// <summary>Closed stretches remembered.</summary>
    public const int Blocks = 16;

    /// <summary>Scored points in a stretch.</summary>
    public const int BlockPoints = 250;

    /// <summary>Stretches in which the series must have missed at least as much for a miss to be routine.</summary>
    public const int Times = 3;

    // Ring of the closed stretches' largest misses (0 for a stretch not yet closed).
    private readonly float[] _largest = new float[Blocks];
    private int _next;
    private int _points;
    private float _open;

    /// <summary>The largest miss (in the series' ranges) that is routine: the <see cref="Times"/>-th largest of the
    /// closed stretches' largest misses; 0 before <see cref="Times"/> stretches have closed.</summary>
    public double Usual { get; private set; }

    /// <summary>Takes the miss of the point just scored (in the series' ranges); a non-finite one counts as none.</summary>
    public void Record(double miss)
    {
        if (double.IsFinite(miss) && miss > _open)
        {
            _open = (float)Math.Min(miss, float.MaxValue);
        }

        if (++_points < BlockPoints)
        {
            return;
        }

        _largest[_next] = _open;
        _next = (_next + 1) % Blocks;
        (_points, _open) = (0, 0);
        Usual = TimesLargest(_largest);
    }

    /// <summary>The state as plain numbers (for a state store).</summary>
    public RoutineMissesState Capture() => new([.. _largest], _next, _points, _open);

    /// <summary>Puts back a state taken by <see cref="Capture"/>; throws <see cref="ArgumentException"/> on numbers no
    /// watch could have.</summary>
    public void Restore(RoutineMissesState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Largest.Length != Blocks || state.Next is < 0 or >= Blocks || state.Points is < 0 or >= BlockPoints
            || !(state.Open >= 0) || state.Largest.Any(miss => !(miss >= 0)))
        {
            throw new ArgumentException($"Not the state of the routine misses of {Blocks} stretches: {state}.", nameof(state));
        }

        state.Largest.CopyTo(_largest, 0);
        (_next, _points, _open) = (state.Next, state.Points, state.Open);
        Usual = TimesLargest(_largest);
    }

    // Once per stretch: sorting 16 floats costs nothing against 250 points' predictions.
    private static double TimesLargest(float[] largest)
    {
        Span<float> sorted = stackalloc float[Blocks];
        largest.CopyTo(sorted);
        sorted.Sort();
        return sorted[Blocks - Times];
    }
}
