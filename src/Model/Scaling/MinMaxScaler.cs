namespace Streaming.Model.Scaling;

/// <summary>
/// Online min-max scaling to [0, 1] over every value observed so far (the Keras example's MinMaxScaler, fitted
/// incrementally). Scaled = (raw − lower) / <see cref="Span"/>.
/// </summary>
/// <remarks>
/// <para>While fewer than 2 distinct values have been seen the range is degenerate, so <see cref="Span"/> is 1.0 and
/// lower is (seen value − 0.5), mapping that value to exactly 0.5; before any value, lower is −0.5 (raw 0 → 0.5).
/// Otherwise lower = min and Span = max − min.</para>
/// <para>Values beyond the range seen so far scale outside [0, 1]; there is no clamping, so a model can still
/// see how far out of range a point is. Non-finite values are ignored by <see cref="Observe"/> (the decoder never
/// produces them) so one bad value cannot poison the range.</para>
/// </remarks>
public sealed class MinMaxScaler : IOnlineScaler
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <summary>Smallest value observed, raw units; +∞ before any.</summary>
    public double Min => _min;

    /// <summary>Largest value observed, raw units; −∞ before any.</summary>
    public double Max => _max;

    /// <summary>
    /// A scaler that continues from a saved state (<see cref="Min"/>, <see cref="Max"/>, <see cref="Count"/>), e.g. from
    /// a checkpoint; throws <see cref="ArgumentException"/> when the numbers cannot come from a scaler.
    /// </summary>
    public static MinMaxScaler FromState(double min, double max, long count)
    {
        bool empty = count == 0 && double.IsPositiveInfinity(min) && double.IsNegativeInfinity(max);
        if (!empty && (count < 1 || !double.IsFinite(min) || !double.IsFinite(max) || min > max))
        {
            throw new ArgumentException($"Not a min-max scaler state: min {min}, max {max}, count {count}.");
        }

        return new MinMaxScaler { _min = min, _max = max, Count = count };
    }

    /// <inheritdoc />
    public double Span => _max > _min ? _max - _min : 1.0;

    // Raw value that maps to 0.0.
    private double Lower => _max > _min ? _min : (Count == 0 ? -0.5 : _min - 0.5);

    /// <inheritdoc />
    public void Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }

        Count++;
    }

    /// <inheritdoc />
    public float Scale(double value) => (float)((value - Lower) / Span);

    /// <inheritdoc />
    public double Unscale(float scaled) => Lower + (scaled * Span);
}
