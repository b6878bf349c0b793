namespace Streaming.Model.Scoring;

/// <summary>
/// Notices a stuck sensor: a series that used to vary and now repeats exactly one value for
/// <c>Scoring:FlatlinePoints</c> points in a row. A flat line is the one failure a residual cannot show well: the
/// model soon predicts the flat value itself. Fires once per run, at the point that completes it.
/// </summary>
public sealed class FlatlineDetector(int points)
{
    private double _last = double.NaN;
    private int _run;
    private bool _hasVaried;

    /// <summary>Observes the next raw value; true when it completes a flat run of a series that has varied before.</summary>
    public bool Observe(double value)
    {
        if (value.Equals(_last))
        {
            _run++;
        }
        else
        {
            _hasVaried |= !double.IsNaN(_last);
            _last = value;
            _run = 1;
        }

        return points > 0 && _hasVaried && _run == points;
    }
}
