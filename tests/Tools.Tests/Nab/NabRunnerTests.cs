using System.Globalization;
using Streaming.Model.Detection;
using Streaming.Model.Options;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Tools.Nab;
using Streaming.Tools.Terminal;

namespace Streaming.Tools.Tests.Nab;

public sealed class NabRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nab-test-" + Guid.NewGuid().ToString("N"));

    private static DetectorFactory Factory() =>
        new(new ModelOptions { WindowSize = 5, HiddenSize = 8 }, new ScoringOptions { WarmupPoints = 50 }, ScalerKind.MinMax);

    private string Data => Path.Combine(_root, "data");

    private void WriteSeries(string category, string name, int rows, int spikeAt, string? badRow = null)
    {
        Directory.CreateDirectory(Path.Combine(Data, category));
        var lines = new List<string> { "timestamp,value" };
        for (var i = 0; i < rows; i++)
        {
            var value = 10 + (3 * Math.Sin(i / 6.0)) + (i == spikeAt ? 15 : 0);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{T0.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{value}"));
        }

        if (badRow is not null)
        {
            lines.Insert(rows / 2, badRow);
        }

        File.WriteAllLines(Path.Combine(Data, category, name + ".csv"), lines);
    }

    private string[] Run(string outName, int workers)
    {
        var output = Path.Combine(_root, outName);
        var steps = new List<ProgressStep>();
        var summary = new NabRunner(Factory(), workers, new Steps(steps)).Run(Data, output, "det");
        Assert.Equal(3, summary.Files.Count);
        Assert.Equal([1, 2, 3], steps.Select(s => s.Done).Order());
        Assert.All(steps, s => Assert.Contains("/3]", s.Line, StringComparison.Ordinal));
        return [.. summary.Files.Select(f => File.ReadAllText(Path.Combine(output, "det", f.RelativePath.Replace("/", "/det_", StringComparison.Ordinal))))];
    }

    [Fact]
    public void Results_follow_the_NAB_layout_with_one_scored_row_per_input_row()
    {
        WriteSeries("artificialWithAnomaly", "spiky", 260, spikeAt: 200);
        WriteSeries("artificialNoAnomaly", "calm", 240, spikeAt: -1);
        WriteSeries("realOther", "broken", 120, spikeAt: -1, badRow: "2015-03-01 05:00:00,not-a-number");

        var texts = Run("results", workers: 2);

        var spiky = File.ReadAllLines(Path.Combine(_root, "results", "det", "artificialWithAnomaly", "det_spiky.csv"));
        Assert.Equal("timestamp,value,anomaly_score,is_anomaly,predicted,residual,novelty,day_ago,week_ago,level,stuck,likelihood", spiky[0]);
        Assert.Equal(261, spiky.Length);
        Assert.Equal(File.ReadAllLines(Path.Combine(Data, "artificialWithAnomaly", "spiky.csv")).Skip(1).Select(l => l.Split(',')[0]), spiky.Skip(1).Select(l => l.Split(',')[0]));
        var rows = spiky.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.InRange(double.Parse(r[2], CultureInfo.InvariantCulture), 0, 1));
        Assert.All(rows, r => Assert.Contains(r[3], new[] { "0", "1" }));
        Assert.Equal("1", rows[200][3]);
        // Outside a cooldown the score is the largest of its parts and the likelihood of them, so a replay can recombine them.
        Assert.All(rows.Where(r => r[2] != "0"), r => Assert.Equal(
            Math.Max(r[10] == "1" ? 1 : r.Skip(5).Take(5).Max(p => double.Parse(p, CultureInfo.InvariantCulture)), double.Parse(r[11], CultureInfo.InvariantCulture)),
            double.Parse(r[2], CultureInfo.InvariantCulture)));
        Assert.True(rows.Count(r => r[3] == "1") <= 3, "the clean stretches of the spiky file must stay quiet");

        var broken = File.ReadAllLines(Path.Combine(_root, "results", "det", "realOther", "det_broken.csv"));
        Assert.Equal(122, broken.Length);
        Assert.Contains("2015-03-01 05:00:00,not-a-number,0,0,,0,0,0,0,0,0,0", broken);
        Assert.All(rows.Skip(10), r => Assert.True(double.IsFinite(double.Parse(r[4], CultureInfo.InvariantCulture))));
        Assert.Equal(3, texts.Length);
    }

    [Fact]
    public void The_same_input_gives_the_same_scores_whatever_the_thread_count()
    {
        WriteSeries("a", "one", 200, spikeAt: 150);
        WriteSeries("a", "two", 180, spikeAt: -1);
        WriteSeries("b", "three", 220, spikeAt: 100);

        var parallel = Run("parallel", workers: 2);
        var serial = Run("serial", workers: 1);

        Assert.Equal(serial, parallel);
        Assert.Contains(serial[0].Split('\n').Skip(60), l => l.Split(',') is [_, _, var score, ..] && double.Parse(score, CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void A_cancelled_run_writes_no_more_files()
    {
        WriteSeries("a", "one", 200, spikeAt: 150);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            NabCommand.Run(Data, Path.Combine(_root, "cancelled"), "det", workers: 1, configArgs: [], TextWriter.Null, cancel.Token));
        Assert.False(Directory.Exists(Path.Combine(_root, "cancelled", "det")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class Steps(List<ProgressStep> steps) : IProgress<ProgressStep>
    {
        public void Report(ProgressStep value)
        {
            lock (steps)
            {
                steps.Add(value);
            }
        }
    }
}
