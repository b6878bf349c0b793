using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Tools.Terminal;

namespace Streaming.Tools.Replay;

/// <summary>
/// Runs recorded points through the worker's own <see cref="DetectionEngine"/>, one point at a time in the given
/// order: each is predicted from the window before it, scored, then learned, as when points arrive one by one.
/// </summary>
public static class ReplayRunner
{
    /// <summary>One result per point, same order; <paramref name="progress"/> hears the count of points done.</summary>
    public static DetectionResult[] Run(IReadOnlyList<SensorPoint> points, DetectionEngine engine, IProgress<ProgressStep>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(engine);
        var results = new DetectionResult[points.Count];
        var one = new SensorPoint[1];
        for (var i = 0; i < points.Count; i++)
        {
            one[0] = points[i];
            engine.Process(one, results.AsSpan(i, 1));
            progress?.Report(new ProgressStep(i + 1));
        }

        return results;
    }
}
