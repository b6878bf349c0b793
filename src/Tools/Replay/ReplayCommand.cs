using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Decoding;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Tools.Csv;
using Streaming.Tools.Terminal;
using Streaming.Worker.Cli;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Tools.Replay;

/// <summary>
/// <c>replay</c>: runs a recorded series (a CSV file, or a topic from a point in time) through the worker's detector
/// and writes the results and a picture. The host is built for its services but never started: no consumer group
/// is joined, no metrics or health port opened.
/// </summary>
public static class ReplayCommand
{
    /// <summary><c>--input</c>: a CSV file with <c>timestamp</c> and <c>value</c> columns.</summary>
    public static readonly Option<string> Input = CliOptions.Text("--input", "CSV file with timestamp,value columns", "csv");

    /// <summary><c>--topic</c>: an input topic to replay instead of a file.</summary>
    public static readonly Option<string> Topic = CliOptions.Text("--topic", "replay this topic (messages in the input contract) instead of a file", "topic");

    /// <summary><c>--from</c>: where in the topic to start.</summary>
    public static readonly Option<string> From = CliOptions.Text("--from", "with --topic: start at this time (ISO-8601, UTC when no offset)", "time");

    /// <summary><c>--plot</c>: the PNG to draw.</summary>
    public static readonly Option<string> PlotPath = CliOptions.Text("--plot", "draw values, predictions, expected range, score and flags to this PNG", "png");

    /// <summary><c>--out</c>: the results CSV.</summary>
    public static readonly Option<string> Out = CliOptions.Text("--out", "write one result row per point to this CSV", "csv");

    /// <summary><c>--series</c>: which series to plot.</summary>
    public static readonly Option<string> Series = CliOptions.Text("--series", "series to plot (default: the first one read)", "id");

    private static readonly ConfigurationOption Bootstrap = CliOptions.Bootstrap();

    /// <summary>The <c>replay</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("replay", "run a recorded series (CSV, or a topic from a time) through the detector; results CSV and PNG plot")
        {
            Bootstrap, Input, Topic, From, PlotPath, Out, Series, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Points from which a progress bar is shown.</summary>
    public const int ProgressFrom = 2000;

    /// <summary>Replays; returns the exit code. Writes a summary to <paramref name="output"/> (the console, with a progress bar on a terminal, by default).</summary>
    public static Task<int> RunAsync(ParseResult cli, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var console = output ?? Console.Out;
        var input = cli.GetValue(Input);
        var topic = cli.GetValue(Topic);
        if ((input is null) == (topic is null))
        {
            throw new FormatException("replay needs either --input <csv> or --topic <topic> --from <time>.");
        }

        using var host = ToolsHost.CreateBuilder([.. cli.ConfigurationArgs()]).Build().ValidateOptions();
        var (points, invalid, source) = input is not null ? FromFile(input) : FromTopic(host, topic!, cli.GetValue(From));
        if (points.Count == 0)
        {
            throw new FormatException($"{source}: no valid points to replay ({invalid} invalid).");
        }

        var engine = host.Services.GetRequiredService<DetectionEngine>();
        var results = points.Count >= ProgressFrom
            ? ProgressDisplay.Run(output, "replay", points.Count, progress => ReplayRunner.Run(points, engine, progress))
            : ReplayRunner.Run(points, engine);

        var flagged = results.Count(r => r.IsAnomaly);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Replayed {points.Count} points of {results.Select(r => r.Point.SeriesId).Distinct().Count()} series from {source}; {flagged} flagged; {invalid} invalid rows skipped."));
        foreach (var r in results.Where(r => r.IsAnomaly))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ANOMALY {r.Point.Timestamp:yyyy-MM-dd HH:mm:ss} {r.Point.SeriesId} value={r.Point.Value:G6} predicted={r.Predicted:G6} score={r.Score.Score:F6}"));
        }

        if (cli.GetValue(Out) is { } outPath)
        {
            ReplayResultsCsv.Write(outPath, results);
            console.WriteLine($"Results: {outPath}");
        }

        if (cli.GetValue(PlotPath) is { } plotPath)
        {
            var series = cli.GetValue(Series) ?? results[0].Point.SeriesId;
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
