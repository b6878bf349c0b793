using Streaming.Model.Scaling;
using Streaming.Model.Windows;

namespace Streaming.Model.Series;

/// <summary>
/// A series' rolling window of raw values plus its scaler: what the model sees of one series.
/// Not thread-safe: a series is owned by one thread.
/// </summary>
public sealed class SeriesWindow
{
    /// <summary>Creates an empty window of <paramref name="windowSize"/> (&gt; 0) points using <paramref name="scaler"/>.</summary>
    public SeriesWindow(int windowSize, IOnlineScaler scaler)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        Window = new RollingWindow(windowSize);
        Scaler = scaler;
    }

    /// <summary>The newest raw values, oldest first.</summary>
    public RollingWindow Window { get; }

    /// <summary>The series' scaler, fitted on every appended value.</summary>
    public IOnlineScaler Scaler { get; }

    /// <summary>Points appended over the series' lifetime (not capped at the window size).</summary>
    public long PointsSeen { get; private set; }

    /// <summary>True once the window holds a full window of points, i.e. the model can predict.</summary>
    public bool IsFull => Window.IsFull;

    /// <summary>
    /// Writes the window, scaled with the scaler's current state, oldest first into <paramref name="destination"/>
    /// (length = window size). Precondition: <see cref="IsFull"/>.
    /// </summary>
    public void WriteScaled(Span<float> destination)
    {
        if (!IsFull)
        {
            throw new InvalidOperationException($"Window holds {Window.Count} of {Window.Capacity} points; wait for IsFull.");
        }

        if (destination.Length != Window.Capacity)
        {
            throw new ArgumentException($"Destination length {destination.Length} != window size {Window.Capacity}.", nameof(destination));
        }

        Window.GetSegments(out ReadOnlySpan<double> older, out ReadOnlySpan<double> newer);
        for (int i = 0; i < older.Length; i++)
        {
            destination[i] = Scaler.Scale(older[i]);
        }

        Span<float> rest = destination[older.Length..];
        for (int i = 0; i < newer.Length; i++)
        {
            rest[i] = Scaler.Scale(newer[i]);
        }
    }

    /// <summary>
    /// Puts back a window saved from elsewhere (a state topic): its raw values, oldest first, and its lifetime count.
    /// The scaler is not touched: it was restored with its own state. Only on an empty window.
    /// </summary>
    public void Restore(ReadOnlySpan<double> values, long pointsSeen)
    {
        if (PointsSeen != 0 || Window.Count != 0)
        {
            throw new InvalidOperationException("Only an empty window can be restored.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(values.Length, Window.Capacity, nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsSeen, values.Length);
        foreach (var value in values)
        {
            Window.Add(value);
        }

        PointsSeen = pointsSeen;
    }

    /// <summary>Observes <paramref name="value"/> (raw units) in the scaler, then appends it to the window.</summary>
    public void Append(double value)
    {
        // Observe first so the newest point is inside the range used to scale the window it completes.
        Scaler.Observe(value);
        Window.Add(value);
        PointsSeen++;
    }
}
