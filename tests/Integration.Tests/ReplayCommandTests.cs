using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Tools.Cli;
using Streaming.Tools.Replay;
using Streaming.Worker.Hosting;

namespace Streaming.Integration.Tests;

/// <summary><c>replay</c> from a CSV file and from a topic: the worker's own detection path, results, PNG and progress.</summary>
public sealed class ReplayCommandTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private const int Points = 2100;
    private const int SpikeAt = 1700;
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-test-").FullName;

    [Fact]
    public async Task Replaying_a_csv_flags_the_spike_writes_one_row_per_point_and_draws_a_png_with_the_engines_own_numbers()
    {
        var input = Path.Combine(_dir, "pump.csv");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string> { "timestamp,value" };
        lines.AddRange(Enumerable.Range(0, Points).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{Value(i):R}")));
        lines.Insert(1000, "2026-03-01 00:00:00,broken");
        await File.WriteAllLinesAsync(input, lines);
        var plot = Path.Combine(_dir, "pump.png");
        var results = Path.Combine(_dir, "results.csv");

        using var output = new StringWriter();
        var cli = ToolsCommandLine.Parse(["replay", "--input", input, "--plot", plot, "--out", results]);
        Assert.Equal(0, await ReplayCommand.RunAsync(cli, output));

        Assert.Contains($"Replayed {Points} points of 1 series", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 invalid rows skipped", output.ToString(), StringComparison.Ordinal);
        // Written to a file, not a terminal: no progress bar in the output.
        Assert.DoesNotContain("%", output.ToString(), StringComparison.Ordinal);

        var rows = (await File.ReadAllLinesAsync(results)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Points, rows.Count);
        var flagged = rows.Select((r, i) => (r, i)).Where(x => x.r[7] == "1").Select(x => x.i).ToList();
        Assert.Contains(SpikeAt, flagged);
        Assert.All(flagged, i => Assert.InRange(i, SpikeAt, SpikeAt + 60));

        // The same numbers as the worker's DetectionEngine gives, fed the same points one at a time.
        using var host = DetectorHost.CreateBuilder([]).Build().ValidateOptions();
        var engine = host.Services.GetRequiredService<DetectionEngine>();
        var expected = ReplayRunner.Run([.. Enumerable.Range(0, Points).Select(i => new SensorPoint("pump", new DateTimeOffset(start.AddMinutes(5 * i)), Value(i)))], engine);
        for (var i = 0; i < Points; i += 97)
        {
            var predicted = rows[i][3].Length == 0 ? (double?)null : double.Parse(rows[i][3], CultureInfo.InvariantCulture);
            Assert.Equal(expected[i].Predicted, predicted);
        }

        var png = await File.ReadAllBytesAsync(plot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(ReplayPlot.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(ReplayPlot.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public async Task Replaying_a_topic_from_a_time_reads_only_what_came_after_it()
    {
        var topics = await TestTopics.CreateAsync(kafka, "replay");
        using (var feed = new PointFeed(kafka.BootstrapServers, topics.Input))
        {
            await feed.PointsAsync(Enumerable.Range(0, 200).Select(i => ("early", i, Value(i))));
            await Task.Delay(1500);
            var from = DateTimeOffset.UtcNow;
            await Task.Delay(500);
            await feed.PointsAsync(Enumerable.Range(0, 300).SelectMany(i => new[] { ("late-a", i, Value(i)), ("late-b", i, 2 * Value(i)) }));
            await feed.SendAsync("late-a", "not json", valid: false);

            var results = Path.Combine(_dir, "topic.csv");
            var plot = Path.Combine(_dir, "topic.png");
            using var output = new StringWriter();
            var cli = ToolsCommandLine.Parse(["replay", "--topic", topics.Input, "--from", from.ToString("O", CultureInfo.InvariantCulture),
                "--bootstrap", kafka.BootstrapServers, "--out", results, "--plot", plot, "--series", "late-b"]);
            Assert.Equal(0, await ReplayCommand.RunAsync(cli, output));

            Assert.Contains("Replayed 600 points of 2 series", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("1 invalid rows skipped", output.ToString(), StringComparison.Ordinal);
            var series = (await File.ReadAllLinesAsync(results)).Skip(1).Select(l => l.Split(',')[0]).ToList();
            Assert.Equal(600, series.Count);
            Assert.DoesNotContain("early", series);
            Assert.True(new FileInfo(plot).Length > 1000);
        }
    }

    [Fact]
    public async Task Replay_needs_a_source_and_names_what_is_missing()
    {
        var neither = await Assert.ThrowsAsync<FormatException>(() => ReplayCommand.RunAsync(ToolsCommandLine.Parse(["replay"]), TextWriter.Null));
        Assert.Contains("--input", neither.Message, StringComparison.Ordinal);
        var noFrom = await Assert.ThrowsAsync<FormatException>(() => ReplayCommand.RunAsync(
            ToolsCommandLine.Parse(["replay", "--topic", "t", "--bootstrap", kafka.BootstrapServers]), TextWriter.Null));
        Assert.Contains("--from", noFrom.Message, StringComparison.Ordinal);
    }

    private static double Value(int i) => 20 + (5 * Math.Sin(2 * Math.PI * i / 50)) + (i == SpikeAt ? 25 : 0);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
