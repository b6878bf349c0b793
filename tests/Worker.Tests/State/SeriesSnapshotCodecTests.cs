using Streaming.Ingest.Points;
using Streaming.Ingest.Scaling;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scoring;
using Streaming.Worker.Detection;
using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

public sealed class SeriesSnapshotCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelOptions Model = new() { WindowSize = 5, HiddenSize = 16 };
    private static readonly ScoringOptions Scoring = new() { WarmupPoints = 50 };

    private static DetectionEngine Engine(GruForecaster forecaster) => new(forecaster, Scoring, () => ScalerFactory.Create(ScalerKind.MinMax));

    // A sine with a flat stretch and a spike, so every watch (flat line, novelty, range, scorer) has state worth keeping.
    private static double Value(int i) => i is > 120 and < 135 ? 3.0 : i == 160 ? 30 : 20 + (5 * Math.Sin(i / 4.0));

    private static DetectionResult Process(DetectionEngine engine, int i, int minutesApart = 1)
    {
        var results = new DetectionResult[1];
        engine.Process([new SensorPoint("pump-1", T0.AddMinutes(i * minutesApart), Value(i))], results);
        return results[0];
    }

    // 1 minute apart: 200 points are 3 hours; 20 minutes apart: 2.8 days, so the day-ago opinion and the level reference
    // have statistics too; an hour apart: 8.3 days, so the week-ago opinion has them as well.
    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(60)]
    public void A_restored_series_goes_on_exactly_as_the_original(int minutesApart)
    {
        using var original = new GruForecaster(Model);
        var engine = Engine(original);
        for (var i = 0; i < 200; i++)
        {
            Process(engine, i, minutesApart);
        }

        Assert.True(engine.TryGetSeries("pump-1", out var saved));
        Assert.Equal(minutesApart > 1, saved.Scorer.Capture().DayAgo?.Count > ResidualScorer.DayAgoWarmup);
        var record = SeriesSnapshotCodec.Encode(saved, asOf: 4711);
        using var copy = ForecasterCheckpoint.Restore(ForecasterCheckpoint.Capture(original), Model);
        var restored = Engine(copy);

        Assert.Equal(4711, SeriesSnapshotCodec.ReadAsOf(record));
        Assert.Equal(4711, SeriesSnapshotCodec.Decode(record, "pump-1", restored));

        Assert.True(restored.TryGetSeries("pump-1", out var back));
        Assert.Equal(saved.LastTimestamp, back.LastTimestamp);
        Assert.Equivalent(saved.HourOfDay!.Capture(), back.HourOfDay!.Capture(), strict: true);
        Assert.Equivalent(saved.Scorer.Capture(), back.Scorer.Capture(), strict: true);
        Assert.Equivalent(saved.Level!.Capture(), back.Level!.Capture(), strict: true);
        Assert.Equal(minutesApart >= 60, saved.Scorer.Capture().WeekAgo?.Count > 0);
        Assert.Equal(minutesApart >= 60, saved.HourOfDay.Capture().WeekMean!.Any(float.IsFinite) && saved.Scorer.Capture().Values?.Count > 0);
        // A point at the last timestamp is still a duplicate after the restore.
        Assert.Equal(SeriesPhase.Duplicate, Process(engine, 199, minutesApart).Phase);
        Assert.Equal(SeriesPhase.Duplicate, Process(restored, 199, minutesApart).Phase);
        for (var i = 200; i < 260; i++)
        {
            var expected = Process(engine, i, minutesApart);
            var actual = Process(restored, i, minutesApart);
            Assert.Equal(expected.Phase, actual.Phase);
            Assert.Equal(expected.Predicted, actual.Predicted);
            Assert.Equal(expected.Score, actual.Score);
        }
    }

    // An engine that has seen 100 points of the series, and the series' record then.
    private static (DetectionEngine Engine, byte[] Record) After100Points(GruForecaster forecaster)
    {
        var engine = Engine(forecaster);
        for (var i = 0; i < 100; i++)
        {
            Process(engine, i);
        }

        Assert.True(engine.TryGetSeries("pump-1", out var saved));
        return (engine, SeriesSnapshotCodec.Encode(saved, 100));
    }

    // The trailing blocks of format 4 after 100 one-minute points: the hour-of-day block (a presence flag, 24 × (low,
    // low day, high, high day, mean, mean day), the open hour's number, low, high, sum and count) and the day-ago
    // statistics' presence flag (none yet: no hour is a day old).
    private const int HourOfDayBytes = 1 + (24 * 24) + 8 + 8 + 8 + 8 + 4;
    private const int TrailingBytes = HourOfDayBytes + 1;

    // Format 5's additions after the day-ago statistics: the week's hour means (a presence flag, 168 × (mean, week)), the
    // week-ago and value statistics' presence flags (none yet: no hour is a week old) and the level reference.
    private static int Format5Bytes(LevelReferenceState level) =>
        1 + (168 * 8) + 1 + 1 + (1 + 8 + 8 + 8 + 8 + 4 + (16 * level.RecentHour.Length) + 4 + (12 * level.BlockDay.Length));

    // Format 3's hour-of-day block: the same without the means, the open sum and count.
    private static byte[] Format3HourOfDay(HourOfDayProfileState profile)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(true);
            for (var i = 0; i < 24; i++)
            {
                writer.Write(profile.Low[i]);
                writer.Write(profile.LowDay[i]);
                writer.Write(profile.High[i]);
                writer.Write(profile.HighDay[i]);
            }

            writer.Write(profile.OpenHour);
            writer.Write(profile.OpenLow);
            writer.Write(profile.OpenHigh);
        }

        return stream.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_record_of_an_earlier_format_still_decodes(byte format)
    {
        using var forecaster = new GruForecaster(Model);
        var (engine, current) = After100Points(forecaster);
        Assert.Equal(5, current[0]);
        Assert.True(engine.TryGetSeries("pump-1", out var saved));
        var record = current[..^Format5Bytes(saved.Level!.Capture())];
        Assert.Equal(0, record[^1]);
        Assert.Equal(1, record[^TrailingBytes]);
        Assert.Equal(0, record[^(TrailingBytes + 1)]);

        // Format 3 had a shorter hour-of-day block and no day-ago statistics, format 2 no hour-of-day block, format 1
        // not even the carried-state flag.
        byte[] old = format switch
        {
            4 => record,
            3 => [.. record[..^TrailingBytes], .. Format3HourOfDay(saved.HourOfDay!.Capture())],
            2 => record[..^TrailingBytes],
            _ => record[..^(TrailingBytes + 1)],
        };
        old[0] = format;
        var restored = Engine(forecaster);
        Assert.Equal(100, SeriesSnapshotCodec.Decode(old, "pump-1", restored));
        Assert.True(restored.TryGetSeries("pump-1", out var back));
        Assert.Equal(format >= 3, back.HourOfDay!.Capture().LowDay.Any(day => day > 0));
        // Detect only: learning would change the shared model between the two predictions.
        var (expected, actual) = (new DetectionResult[1], new DetectionResult[1]);
        engine.Detect([new SensorPoint("pump-1", T0.AddMinutes(100), Value(100))], expected);
        restored.Detect([new SensorPoint("pump-1", T0.AddMinutes(100), Value(100))], actual);
        Assert.Equal(expected[0].Predicted, actual[0].Predicted);
        Assert.Equal(expected[0].Score, actual[0].Score);
    }

    [Fact]
    public void A_restored_series_is_live_at_once_where_a_new_one_fills_its_window()
    {
        using var forecaster = new GruForecaster(Model);
        var (engine, record) = After100Points(forecaster);
        var fresh = Engine(forecaster);
        Assert.Equal(SeriesPhase.Filling, Process(fresh, 100).Phase);

        var restored = Engine(forecaster);
        SeriesSnapshotCodec.Decode(record, "pump-1", restored);
        Assert.Equal(SeriesPhase.Live, Process(restored, 100).Phase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    public void A_truncated_or_foreign_record_is_refused_and_leaves_no_series_behind(int keep)
    {
        using var forecaster = new GruForecaster(Model);
        var engine = Engine(forecaster);
        for (var i = 0; i < 30; i++)
        {
            Process(engine, i);
        }

        Assert.True(engine.TryGetSeries("pump-1", out var saved));
        var record = SeriesSnapshotCodec.Encode(saved, 30)[..keep];
        var target = Engine(forecaster);

        var error = Assert.Throws<InvalidDataException>(() => SeriesSnapshotCodec.Decode(record, "pump-1", target));
        Assert.Contains("pump-1", error.Message, StringComparison.Ordinal);
        Assert.False(target.TryGetSeries("pump-1", out _));
    }

    [Fact]
    public void A_record_of_another_format_version_is_refused()
    {
        using var forecaster = new GruForecaster(Model);
        var record = new byte[64];
        record[0] = 99;

        var error = Assert.Throws<InvalidDataException>(() => SeriesSnapshotCodec.Decode(record, "s", Engine(forecaster)));
        Assert.Contains("format 99", error.Message, StringComparison.Ordinal);
    }
}
