using CsvHelper;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Tools.Replay;

namespace Streaming.Tools.Tests.Replay;

public class ReplayResultsCsvTests
{
    [Fact]
    public void Series_ids_with_commas_quotes_and_line_breaks_read_back_unchanged_with_every_column()
    {
        string[] ids = ["plain", "pump,7", "say \"hi\"", "a,\"b\",c", " padded ", "line\nbreak", "ünïcode-€"];
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var results = ids.Select((id, i) => new DetectionResult(new SensorPoint(id, at.AddMinutes(i), 40.5 + i), i == 0 ? SeriesPhase.Filling : SeriesPhase.Live,
            i == 0 ? null : 40.25, i == 0 ? null : 0.25 + i, new AnomalyScore(i == 3 ? 1 : 0.125, 7.5, i == 3, AnomalySeverity.Medium))).ToList();

        using var text = new StringWriter();
        ReplayResultsCsv.Write(text, results);
        using var csv = CsvReader.FromText(text.ToString(), CsvReaderOptions.Default);
        Assert.Equal(ReplayResultsCsv.Columns, csv.Headers);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. ReplayResultsCsv.Columns.Select(csv.GetString)]);
        }

        Assert.Equal(ids, rows.Select(r => r[0]));
        Assert.Equal(["2026-11-28T12:00:00Z", "40.5", "", "", "0.125", "7.5", "0", "", "filling"], rows[0][1..]);
        Assert.Equal(["2026-11-28T12:03:00Z", "43.5", "40.25", "3.25", "1", "7.5", "1", "medium", "live"], rows[3][1..]);
    }

    [Fact]
    public void A_plain_id_is_written_without_quotes()
    {
        using var text = new StringWriter();
        ReplayResultsCsv.Write(text, [new DetectionResult(new SensorPoint("pump-7", DateTimeOffset.UnixEpoch, 1), SeriesPhase.Live, 1, 0, default)]);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("series,timestamp,value,predicted,residual,score,z,is_anomaly,severity,state", lines[0]);
        Assert.StartsWith("pump-7,1970-01-01T00:00:00Z,1,1,0,", lines[1], StringComparison.Ordinal);
    }
}
