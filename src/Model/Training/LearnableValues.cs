namespace Streaming.Model.Training;

/// <summary>
/// The poisoning guard's first line: a scaled value a model may learn is finite and within ±MaxScaledInput
/// (<see cref="Options.ModelOptions.MaxScaledInput"/>); a pair with any other value is never learned.
/// </summary>
internal static class LearnableValues
{
    public static bool Is(float value, double maxScaledInput) => float.IsFinite(value) && Math.Abs(value) <= maxScaledInput;

    public static bool Are(ReadOnlySpan<float> values, double maxScaledInput)
    {
        foreach (float v in values)
        {
            if (!Is(v, maxScaledInput))
            {
                return false;
            }
        }

        return true;
    }
}
