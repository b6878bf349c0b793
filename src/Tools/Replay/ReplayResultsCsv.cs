using System.Globalization;
using CsvHelper;
using Streaming.Model.Detection;
using Streaming.Worker.Output;

namespace Streaming.Tools.Replay;

/// <summary>
/// Writes replay results: one row per point with the prediction, residual, score and flag, as the predictions topic
/// carries them. CsvHelper quotes what needs it (RFC 4180): a series id may hold commas, quotes and line breaks.
/// </summary>
public static class ReplayResultsCsv
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["series", "timestamp", "value", "predicted", "residual", "score", "z", "is_anomaly", "severity", "state"];

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<DetectionResult> results)
    {
        using var writer = new StreamWriter(path);
        Write(writer, results);
    }

    /// <summary>Writes <paramref name="results"/> to <paramref name="writer"/>, header first.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<DetectionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteRecord([.. Columns]);
        foreach (var r in results)
        {
            csv.WriteRecord(
                r.Point.SeriesId,
                r.Point.Timestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Number(r.Point.Value),
                Number(r.Predicted),
                Number(r.Residual),
                Number(r.Score.Score),
                Number(r.Score.ZScore),
                r.IsAnomaly ? "1" : "0",
                r.IsAnomaly ? DetectionJson.SeverityName(r.Score.Severity) : "",
                DetectionJson.PhaseName(r.Phase));
        }
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
