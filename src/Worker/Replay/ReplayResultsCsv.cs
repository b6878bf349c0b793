using System.Globalization;
using Streaming.Worker.Detection;
using Streaming.Worker.Output;

namespace Streaming.Worker.Replay;

/// <summary>Writes replay results: one row per point with the prediction, residual, score and flag, as the predictions topic carries them.</summary>
public static class ReplayResultsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "series,timestamp,value,predicted,residual,score,z,is_anomaly,severity,state";

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<DetectionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        foreach (var r in results)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Point.SeriesId},{r.Point.Timestamp:yyyy-MM-ddTHH:mm:ssZ},{r.Point.Value:R},{r.Predicted:R},{r.Residual:R},{r.Score.Score:R},{r.Score.ZScore:R},{(r.IsAnomaly ? 1 : 0)},{(r.IsAnomaly ? DetectionJson.SeverityName(r.Score.Severity) : "")},{DetectionJson.PhaseName(r.Phase)}"));
        }
    }
}
