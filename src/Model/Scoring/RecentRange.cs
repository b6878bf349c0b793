namespace Streaming.Model.Scoring;

/// <summary>
/// The range of a series' recent values (series' units): a running max and min that each creep towards the other by
/// a share 1/horizon of the range per point, unless a new value holds them out. Old extremes, such as the bottom of a
/// trend that has since risen, fade over about <c>horizon</c> points. Two numbers per series.
/// </summary>
public sealed class RecentRange(int horizon)
{
    private readonly double _decay = 1.0 / Math.Max(1, horizon);
    private double _min = double.NaN;
    private double _max = double.NaN;

    /// <summary>The recent range, max − min; 0 before two different values.</summary>
    public double Span => double.IsNaN(_min) ? 0 : _max - _min;

    /// <summary>The state as plain numbers (for a state store): the running min and max, NaN before the first value.</summary>
    public (double Min, double Max) Capture() => (_min, _max);

    /// <summary>Puts back a state taken by <see cref="Capture"/>.</summary>
    public void Restore(double min, double max) => (_min, _max) = (min, max);

    /// <summary>Takes in the next value.</summary>
    public void Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (double.IsNaN(_min))
        {
            _min = _max = value;
            return;
        }

        var shrink = _decay * (_max - _min);
        _max = Math.Max(value, _max - shrink);
        _min = Math.Min(value, _min + shrink);
    }
}
