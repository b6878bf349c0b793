namespace Streaming.Model.Scoring;

/// <summary>
/// Notices a stuck sensor: a series that used to vary and now repeats exactly one value for
/// <c>Scoring:FlatlinePoints</c> points in a row, longer than any run of repeats it had before. A flat line is the one
/// failure a residual cannot show well: the model soon predicts the flat value itself. Series that repeat values as a
/// matter of course (counters at zero, quantised readings) set their own bar: only a run longer than their longest so
/// far fires. Fires once per run, at the point that makes it the longest.
/// </summary>
public sealed class FlatlineDetector(int points)
{
    private double _last = double.NaN;
    private int _run;
    private int _longest;
    private bool _hasVaried;

    /// <summary>The state as plain numbers (for a state store).</summary>
    public FlatlineState Capture() => new(_last, _run, _longest, _hasVaried);

    /// <summary>Puts back a state taken by <see cref="Capture"/>.</summary>
    public void Restore(FlatlineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        (_last, _run, _longest, _hasVaried) = (state.Last, state.Run, state.Longest, state.HasVaried);
    }

    /// <summary>Observes the next raw value; true when it makes a flat run of a series that has varied before stuck.</summary>
    public bool Observe(double value)
    {
        if (value.Equals(_last))
        {
            _run++;
        }
        else
        {
            _hasVaried |= !double.IsNaN(_last);
            _longest = Math.Max(_longest, _run);
            _last = value;
            _run = 1;
        }

        return points > 0 && _hasVaried && _run == Math.Max(points, _longest + 1);
    }
}
