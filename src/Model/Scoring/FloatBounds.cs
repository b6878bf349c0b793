namespace Streaming.Model.Scoring;

/// <summary>
/// Doubles kept as floats for a bound: rounded outwards (by at most one float step), so a kept range may only widen
/// and a value that lay within it still does.
/// </summary>
internal static class FloatBounds
{
    /// <summary>The largest float not above <paramref name="value"/>.</summary>
    public static float Down(double value) => (float)value is var f && f > value ? MathF.BitDecrement(f) : (float)value;

    /// <summary>The smallest float not below <paramref name="value"/>.</summary>
    public static float Up(double value) => (float)value is var f && f < value ? MathF.BitIncrement(f) : (float)value;
}
