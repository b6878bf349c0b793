using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Points;
using Streaming.Worker.Cli;
using Streaming.Worker.Csv;
using Streaming.Worker.Detection;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Worker.Replay;

/// <summary>
/// <c>replay</c>: runs a recorded series (a CSV file, or a topic from a point in time) through the worker's detector
/// and writes the results and a picture. The host is built for its services but never started: no consumer group
/// is joined, no metrics or health port opened.
/// </summary>
public static class ReplayCommand
{
    /// <summary><c>--input</c>: a CSV file with <c>timestamp</c> and <c>value</c> columns.</summary>
    public static readonly CliSwitch Input = new("--input", CliValue.Text, "CSV file with timestamp,value columns");

    /// <summary><c>--topic</c>: an input topic to replay instead of a file.</summary>
    public static readonly CliSwitch Topic = new("--topic", CliValue.Text, "replay this topic (messages in the input contract) instead of a file");

    /// <summary><c>--from</c>: where in the topic to start.</summary>
    public static readonly CliSwitch From = new("--from", CliValue.Text, "with --topic: start at this time (ISO-8601, UTC when no offset)");

    /// <summary><c>--plot</c>: the PNG to draw.</summary>
    public static readonly CliSwitch PlotPath = new("--plot", CliValue.Text, "draw values, predictions, score and flags to this PNG");

    /// <summary><c>--out</c>: the results CSV.</summary>
    public static readonly CliSwitch Out = new("--out", CliValue.Text, "write one result row per point to this CSV");

    /// <summary><c>--series</c>: which series to plot.</summary>
    public static readonly CliSwitch Series = new("--series", CliValue.Text, "series to plot (default: the first one read)");

    /// <summary>Points from which a progress bar is shown.</summary>
    public const int ProgressFrom = 2000;

    /// <summary>Replays; returns the exit code. Writes a summary to <paramref name="output"/> and progress to <paramref name="progressOutput"/>.</summary>
    public static Task<int> RunAsync(CommandLine cli, TextWriter? output = null, TextWriter? progressOutput = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var console = output ?? Console.Out;
        var input = cli.Text(Input.Name);
        var topic = cli.Text(Topic.Name);
        if ((input is null) == (topic is null))
        {
            throw new FormatException("replay needs either --input <csv> or --topic <topic> --from <time>.");
        }

        using var host = DetectorHost.CreateBuilder([.. cli.ConfigArgs]).Build().ValidateOptions();
        var (points, invalid, source) = input is not null ? FromFile(input) : FromTopic(host, topic!, cli.Text(From.Name));
        if (points.Count == 0)
        {
            throw new FormatException($"{source}: no valid points to replay ({invalid} invalid).");
        }

        var engine = host.Services.GetRequiredService<DetectionEngine>();
        var progress = points.Count >= ProgressFrom ? new ProgressBar(progressOutput ?? Console.Error, points.Count, "replay") : null;
        var results = ReplayRunner.Run(points, engine, progress);

        var flagged = results.Count(r => r.IsAnomaly);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Replayed {points.Count} points of {results.Select(r => r.Point.SeriesId).Distinct().Count()} series from {source}; {flagged} flagged; {invalid} invalid rows skipped."));
        foreach (var r in results.Where(r => r.IsAnomaly))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ANOMALY {r.Point.Timestamp:yyyy-MM-dd HH:mm:ss} {r.Point.SeriesId} value={r.Point.Value:G6} predicted={r.Predicted:G6} score={r.Score.Score:F6}"));
        }

        if (cli.Text(Out.Name) is { } outPath)
        {
            ReplayResultsCsv.Write(outPath, results);
            console.WriteLine($"Results: {outPath}");
        }

        if (cli.Text(PlotPath.Name) is { } plotPath)
        {
            var series = cli.Text(Series.Name, results[0].Point.SeriesId)!;
            var ofSeries = results.Where(r => r.Point.SeriesId == series).ToList();
            if (ofSeries.Count == 0)
            {
                throw new FormatException($"--series: no points of '{series}' in {source}.");
            }

            ReplayPlot.Save(plotPath, $"{series} ({source}): {ofSeries.Count(r => r.IsAnomaly)} flagged of {ofSeries.Count} points", ofSeries);
            console.WriteLine($"Plot: {plotPath}");
        }

        return Task.FromResult(0);
    }

    private static (List<SensorPoint> Points, int Invalid, string Source) FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"--input: no file '{path}'.");
        }

        var rows = TimeSeriesCsv.Read(path);
        var series = Path.GetFileNameWithoutExtension(path);
        return ([.. rows.Where(r => r.IsValid).Select(r => new SensorPoint(series, r.Timestamp, r.Value))], rows.Count(r => !r.IsValid), Path.GetFileName(path));
    }

    private static (List<SensorPoint> Points, int Invalid, string Source) FromTopic(IHost host, string topic, string? fromText)
    {
        if (fromText is null || !DateTimeOffset.TryParse(fromText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
        {
            throw new FormatException($"--from: give the start time as ISO-8601 (e.g. 2026-11-28T12:00:00Z), got '{fromText ?? "(nothing)"}'.");
        }

        var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        if (!kafka.HasBroker || kafka.UsesEmbeddedBroker)
        {
            throw new FormatException("replay --topic reads a running cluster: give --bootstrap HOST:PORT (or Kafka:BootstrapServers).");
        }

        var config = KafkaClientConfigs.Consumer(kafka, kafka.BootstrapServers);
        config.GroupId = null;
        var (points, invalid) = TopicHistory.Read(config, topic, from, host.Services.GetRequiredService<PointDecoder>(), TimeSpan.FromSeconds(60));
        return (points, invalid, $"{topic} from {from:yyyy-MM-ddTHH:mm:ssZ}");
    }
}
