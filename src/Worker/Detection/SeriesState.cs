using Streaming.Ingest.Series;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Detection;

/// <summary>Everything the detector keeps per series: its scaled rolling window, its residual statistics and its flat-line watch.</summary>
public sealed class SeriesState(SeriesWindow window, ResidualScorer scorer, FlatlineDetector flatline)
{
    /// <summary>The series' rolling window and scaler.</summary>
    public SeriesWindow Window { get; } = window;

    /// <summary>The series' residual statistics and warm-up progress.</summary>
    public ResidualScorer Scorer { get; } = scorer;

    /// <summary>Notices when the series gets stuck on one value.</summary>
    public FlatlineDetector Flatline { get; } = flatline;
}
