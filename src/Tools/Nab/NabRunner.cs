using System.Diagnostics;
using System.Globalization;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Tools.Terminal;

namespace Streaming.Tools.Nab;

/// <summary>
/// Runs the worker's detector over NAB data files: one fresh detector (forecaster, scaler, scorer) per file, the
/// file's points fed one at a time in file order, so every point is predicted and scored from what came before it
/// only (no look-ahead, no labels). Files run in parallel on <c>workers</c> threads; a file's scores depend on its
/// data and the options alone, not on scheduling. Results follow NAB's layout:
/// <c>out/detector/category/detector_file.csv</c> with <c>timestamp,value,anomaly_score,is_anomaly,predicted</c> (predicted empty while the first window fills),
/// then the score's parts before the cooldown (<see cref="ScoreParts"/>) for offline replays of other combinations.
/// </summary>
public sealed class NabRunner(DetectorFactory factory, int workers, IProgress<ProgressStep> progress)
{
    /// <summary>Runs every CSV under <paramref name="dataDirectory"/> (category folders) and writes the results.</summary>
    public NabRunSummary Run(string dataDirectory, string outDirectory, string detector, CancellationToken cancel = default)
    {
        var files = NabSeries.Find(dataDirectory);
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No <category>/<file>.csv under '{dataDirectory}'.");
        }

        // Largest files first so the last thread does not start a long file alone.
        var queue = files.OrderByDescending(f => new FileInfo(Path.Combine(dataDirectory, f)).Length).ThenBy(f => f, StringComparer.Ordinal).ToArray();
        var results = new NabFileSummary[queue.Length];
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Math.Clamp(workers, 1, queue.Length)).Select(_ => new Thread(() =>
        {
            int index;
            while (!cancel.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < queue.Length)
            {
                var series = NabSeries.Read(dataDirectory, queue[index]);
                var summary = RunFile(series, Path.Combine(outDirectory, detector, series.Category, $"{detector}_{series.Name}.csv"));
                results[index] = summary;
                Report(Interlocked.Increment(ref done), queue.Length, summary, clock.Elapsed);
            }
        })
        { IsBackground = true, Name = "nab" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        cancel.ThrowIfCancellationRequested();
        return new NabRunSummary([.. results.OrderBy(r => r.RelativePath, StringComparer.Ordinal)], clock.Elapsed);
    }

    /// <summary>Runs one file through a fresh detector and writes its result CSV to <paramref name="resultPath"/>.</summary>
    public NabFileSummary RunFile(NabSeries series, string resultPath)
    {
        ArgumentNullException.ThrowIfNull(series);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(resultPath)!);
        using var forecaster = factory.CreateForecaster();
        var engine = factory.CreateEngine(forecaster);
        using var writer = new StreamWriter(resultPath);
        writer.WriteLine("timestamp,value,anomaly_score,is_anomaly,predicted,residual,novelty,day_ago,week_ago,level,stuck,likelihood");
        var result = new DetectionResult[1];
        int flags = 0, skipped = 0;
        foreach (var row in series.Rows)
        {
            double score = 0;
            var flagged = false;
            double? predicted = null;
            ScoreParts parts = default;
            if (row.IsValid)
            {
                engine.Process([new SensorPoint(series.Name, row.Timestamp, row.Value)], result);
                score = result[0].Score.Score;
                flagged = result[0].IsAnomaly;
                predicted = result[0].Predicted;
                parts = result[0].Score.Parts;
            }
            else
            {
                // The worker dead-letters such a point; the scorer still needs its row.
                skipped++;
            }

            flags += flagged ? 1 : 0;
            writer.Write(row.TimestampText);
            writer.Write(',');
            writer.Write(row.ValueText);
            writer.Write(',');
            writer.Write(score.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(flagged ? ",1," : ",0,");
            writer.Write(predicted?.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $",{parts.Residual:R},{parts.Novelty:R},{parts.DayAgo:R},{parts.WeekAgo:R},{parts.Level:R},{(parts.Stuck ? 1 : 0)},{parts.Likelihood:R}"));
        }

        return new NabFileSummary(series.RelativePath, series.Rows.Count, skipped, flags, clock.Elapsed);
    }

    private void Report(int done, int total, NabFileSummary file, TimeSpan elapsed)
    {
        progress.Report(new ProgressStep(done, string.Create(CultureInfo.InvariantCulture,
            $"[{done,2}/{total}] {elapsed.TotalSeconds,6:F0} s  {file.RelativePath}: {file.Rows} rows, {file.Flags} flags{(file.SkippedRows > 0 ? $", {file.SkippedRows} unreadable rows" : "")} ({file.Elapsed.TotalSeconds:F1} s)")));
    }
}
