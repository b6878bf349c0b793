using System.Globalization;
using System.Text.Json;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

public sealed class SeriesRecordCodecTests
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
        var record = SeriesRecordCodec.Encode(saved, asOf: 4711);
        using var copy = ForecasterCheckpoint.Restore(ForecasterCheckpoint.Capture(original), Model);
        var restored = Engine(copy);

        Assert.Equal(4711, SeriesRecordCodec.ReadAsOf(record));
        Assert.Equal(4711, SeriesRecordCodec.Decode(record, "pump-1", restored));

        Assert.True(restored.TryGetSeries("pump-1", out var back));
        Assert.Equal(saved.LastTimestamp, back.LastTimestamp);
        Assert.Equivalent(saved.HourOfDay!.Capture(), back.HourOfDay!.Capture(), strict: true);
        Assert.True(saved.Routine!.Capture().Open > 0);
        Assert.Equivalent(saved.Routine!.Capture(), back.Routine!.Capture(), strict: true);
        Assert.Equivalent(saved.Scorer.Capture(), back.Scorer.Capture(), strict: true);
        Assert.Equivalent(saved.Level!.Capture(), back.Level!.Capture(), strict: true);
        Assert.Equal(minutesApart >= 20, saved.Level!.Capture().BlockDay.Any(day => day != int.MinValue));
        Assert.Equal(minutesApart >= 60, saved.Scorer.Capture().WeekAgo?.Count > 0 && saved.HourOfDay!.Capture().WeekMean!.Any(float.IsFinite));
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
        return (engine, SeriesRecordCodec.Encode(saved, 100));
    }

    // Records written by the last build of each earlier format (format 1: 47c7c5f, 2: 1b4c532, 3: f2862f8, 4: f0b69e5) with a
    // throw-away test of that build: 200 one-minute points of Value(i) through an engine with these Model and Scoring
    // options, encoded with asOf 4711; beside each record, the fields as that build held them (JSON).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_record_written_by_an_earlier_build_decodes_to_the_fields_it_was_written_from(int format)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "State", "Fixtures");
        var record = File.ReadAllBytes(Path.Combine(fixtures, $"format-{format}.bin"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, $"format-{format}.expected.json")));
        var expected = json.RootElement;
        Assert.Equal(format, record[0]);

        using var forecaster = new GruForecaster(Model);
        var engine = Engine(forecaster);
        Assert.Equal(expected.GetProperty("AsOf").GetInt64(), SeriesRecordCodec.ReadAsOf(record));
        Assert.Equal(expected.GetProperty("AsOf").GetInt64(), SeriesRecordCodec.Decode(record, "pump-1", engine));
        Assert.True(engine.TryGetSeries("pump-1", out var back));

        var scaler = Assert.IsType<MinMaxScaler>(back.Window.Scaler);
        Assert.Equal(Number(expected.GetProperty("ScalerMin")), scaler.Min);
        Assert.Equal(Number(expected.GetProperty("ScalerMax")), scaler.Max);
        Assert.Equal(expected.GetProperty("ScalerCount").GetInt64(), scaler.Count);
        Assert.Equal(expected.GetProperty("PointsSeen").GetInt64(), back.Window.PointsSeen);
        Assert.Equal(Numbers(expected.GetProperty("Window")), Enumerable.Range(0, back.Window.Window.Count).Select(i => back.Window.Window[i]));
        Assert.Equal(new DateTimeOffset(expected.GetProperty("LastTimestampTicks").GetInt64(), TimeSpan.Zero), back.LastTimestamp);
        Assert.Null(back.Carry);

        var scorer = back.Scorer.Capture();
        var oldScorer = expected.GetProperty("Scorer");
        Assert.Equal(oldScorer.GetProperty("PointsScored").GetInt64(), scorer.PointsScored);
        Assert.Equal(oldScorer.GetProperty("StatsCount").GetInt64(), scorer.StatsCount);
        Assert.Equal(Number(oldScorer.GetProperty("Mean")), scorer.Mean);
        Assert.Equal(Number(oldScorer.GetProperty("Variance")), scorer.Variance);
        Assert.Equal(oldScorer.GetProperty("SuppressThrough").GetInt64(), scorer.SuppressThrough);
        Assert.Equal(Numbers(oldScorer.GetProperty("Recent")), scorer.Recent);
        Assert.Equal(oldScorer.GetProperty("RecentNext").GetInt32(), scorer.RecentNext);
        Assert.Equal(oldScorer.GetProperty("RecentCount").GetInt32(), scorer.RecentCount);
        Assert.Null(scorer.DayAgo);

        var flat = expected.GetProperty("Flatline");
        Assert.Equal(new FlatlineState(Number(flat.GetProperty("Last")), flat.GetProperty("Run").GetInt32(), flat.GetProperty("Longest").GetInt32(),
            flat.GetProperty("HasVaried").GetBoolean()), back.Flatline.Capture());

        var novelty = back.Novelty.Capture();
        var oldNovelty = expected.GetProperty("Novelty");
        Assert.Equal(oldNovelty.GetProperty("Recent").EnumerateArray().Select(e => e.GetInt32()), novelty.Recent);
        Assert.Equal(oldNovelty.GetProperty("Count").GetInt32(), novelty.Count);
        Assert.Equal(Number(oldNovelty.GetProperty("Min")), novelty.Min);
        Assert.Equal(Number(oldNovelty.GetProperty("Max")), novelty.Max);
        // Each band's seen sequences are a set: compared in key order.
        Assert.Equal(oldNovelty.GetProperty("Seen").EnumerateArray().Select(keys => keys.EnumerateArray().Select(k => k.GetInt64()).Order().ToArray()),
            novelty.Seen.Select(keys => keys.Order().ToArray()));

        var range = expected.GetProperty("RecentRange");
        Assert.Equal((Number(range.GetProperty("Item1")), Number(range.GetProperty("Item2"))), back.RecentRange.Capture());

        // Format 3 kept each hour's low and high with their days, format 4 also each hour's latest mean (before it, NaN).
        // Earlier formats had no profile: the series starts an empty one (every hour unseen). None kept a week's means
        // or a level reference: those start empty.
        var profile = back.HourOfDay!.Capture();
        if (format == 4)
        {
            var old = expected.GetProperty("HourOfDay");
            Assert.Equal(Numbers(old.GetProperty("Mean")).Select(v => (float)v), profile.Mean!);
            Assert.Equal(old.GetProperty("MeanDay").EnumerateArray().Select(e => e.GetInt32()), profile.MeanDay!);
            Assert.Equal(Number(old.GetProperty("OpenSum")), profile.OpenSum);
            Assert.Equal(old.GetProperty("OpenCount").GetInt32(), profile.OpenCount);
            Assert.Contains(profile.Mean!, float.IsFinite);
        }
        else
        {
            Assert.All(profile.Mean!, mean => Assert.True(float.IsNaN(mean)));
        }

        Assert.All(profile.WeekMean!, mean => Assert.True(float.IsNaN(mean)));
        Assert.All(back.Level!.Capture().BlockDay, day => Assert.Equal(int.MinValue, day));
        if (format >= 3)
        {
            var old = expected.GetProperty("HourOfDay");
            Assert.Equal(Numbers(old.GetProperty("Low")).Select(v => (float)v), profile.Low);
            Assert.Equal(old.GetProperty("LowDay").EnumerateArray().Select(e => e.GetInt32()), profile.LowDay);
            Assert.Equal(Numbers(old.GetProperty("High")).Select(v => (float)v), profile.High);
            Assert.Equal(old.GetProperty("HighDay").EnumerateArray().Select(e => e.GetInt32()), profile.HighDay);
            Assert.Equal(old.GetProperty("OpenHour").GetInt64(), profile.OpenHour);
            Assert.Equal(Number(old.GetProperty("OpenLow")), profile.OpenLow);
            Assert.Equal(Number(old.GetProperty("OpenHigh")), profile.OpenHigh);
            Assert.Contains(profile.LowDay, day => day > 0);
        }
        else
        {
            Assert.All(profile.Low, low => Assert.Equal(float.PositiveInfinity, low));
        }

        // The restored series goes on: a point at its last timestamp is a duplicate, the next one is predicted at once.
        Assert.Equal(SeriesPhase.Duplicate, Process(engine, 199).Phase);
        var next = Process(engine, 200);
        Assert.Equal(SeriesPhase.Live, next.Phase);
        Assert.NotNull(next.Predicted);
    }

    // The fixtures' JSON writes infinities as strings.
    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(Number)];

    // Format 7 appended the routine misses (a presence byte, 16 floats with their count, the next slot, the open
    // stretch's points and largest miss) to format 5, where format 6 had each hour's usual miss (a presence byte, then
    // 24 × a float and a day); format 8 appended the level excursion's deepest score, format 9 the week-ago and value
    // statistics' spreads (absent here: 100 one-minute points have no week-ago) and the week-ago excursion's deepest
    // score, format 10 the scores' statistics (a presence byte, count, mean, variance, the ring's next slot, fill, length
    // and values). Each tail holds the ones after it.
    private const int ScoresBytes = 1 + sizeof(long) + (2 * sizeof(double)) + (3 * sizeof(int)) + (ResidualScorer.LikelihoodWindow * sizeof(double));
    private const int WeekBytes = 1 + 1 + sizeof(double) + ScoresBytes;
    private const int LevelBytes = sizeof(double) + WeekBytes;
    private const int RoutineBytes = 1 + sizeof(int) + (RoutineMisses.Blocks * sizeof(float)) + sizeof(int) + sizeof(int) + sizeof(float) + LevelBytes;

    // The series after 100 points as saved, and as decoded from its record cut to an older format: the record's tail
    // from `tailFrom` bytes before its end is replaced by `oldTail`, and its format byte set to `format`.
    private static (SeriesState Saved, SeriesState Back) AsFormat(byte format, int tailFrom, byte[] oldTail)
    {
        using var forecaster = new GruForecaster(Model);
        var (engine, record) = After100Points(forecaster);
        Assert.Equal(10, record[0]);
        byte[] older = [.. record[..^tailFrom], .. oldTail];
        older[0] = format;

        var restored = Engine(forecaster);
        Assert.Equal(100, SeriesRecordCodec.Decode(older, "pump-1", restored));
        Assert.True(restored.TryGetSeries("pump-1", out var back));
        Assert.True(engine.TryGetSeries("pump-1", out var saved));
        return (saved, back);
    }

    [Fact]
    public void A_format_9_record_decodes_with_the_scores_statistics_afresh()
    {
        var (saved, back) = AsFormat(9, ScoresBytes, []);
        Assert.NotNull(saved.Scorer.Capture().Scores);
        Assert.Null(back.Scorer.Capture().Scores);
        Assert.Equivalent(saved.Scorer.Capture() with { Scores = null }, back.Scorer.Capture(), strict: true);
    }

    [Fact]
    public void A_format_8_record_decodes_with_no_week_ago_excursion_under_way()
    {
        var (saved, back) = AsFormat(8, WeekBytes, []);
        Assert.Equal(0, back.Scorer.Capture().WeekHeld);
        Assert.Equivalent(saved.Scorer.Capture() with { WeekHeld = 0, Scores = null }, back.Scorer.Capture(), strict: true);
    }

    [Fact]
    public void A_format_7_record_decodes_with_no_level_excursion_under_way()
    {
        var (saved, back) = AsFormat(7, LevelBytes, []);
        Assert.Equal(0, back.Scorer.Capture().LevelHeld);
        Assert.Equivalent(saved.Routine!.Capture(), back.Routine!.Capture(), strict: true);
        Assert.Equivalent(saved.Scorer.Capture() with { LevelHeld = 0, WeekHeld = 0, Scores = null }, back.Scorer.Capture(), strict: true);
    }

    [Fact]
    public void A_format_5_record_without_the_routine_misses_decodes_with_none()
    {
        var (saved, back) = AsFormat(5, RoutineBytes, []);
        Assert.Equivalent(new RoutineMisses().Capture(), back.Routine!.Capture(), strict: true);
        Assert.Equivalent(saved.HourOfDay!.Capture(), back.HourOfDay!.Capture(), strict: true);
        Assert.Equivalent(saved.Scorer.Capture() with { Scores = null }, back.Scorer.Capture(), strict: true);
    }

    [Fact]
    public void A_format_6_record_decodes_with_its_usual_misses_per_hour_dropped()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(true);
            for (var i = 0; i < HourOfDayProfile.Slots; i++)
            {
                writer.Write(0.7f);
                writer.Write(20_000 + i);
            }
        }

        var (saved, back) = AsFormat(6, RoutineBytes, stream.ToArray());
        Assert.Equivalent(new RoutineMisses().Capture(), back.Routine!.Capture(), strict: true);
        Assert.Equivalent(saved.HourOfDay!.Capture(), back.HourOfDay!.Capture(), strict: true);
    }

    [Fact]
    public void A_restored_series_is_live_at_once_where_a_new_one_fills_its_window()
    {
        using var forecaster = new GruForecaster(Model);
        var (engine, record) = After100Points(forecaster);
        var fresh = Engine(forecaster);
        Assert.Equal(SeriesPhase.Filling, Process(fresh, 100).Phase);

        var restored = Engine(forecaster);
        SeriesRecordCodec.Decode(record, "pump-1", restored);
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
        var record = SeriesRecordCodec.Encode(saved, 30)[..keep];
        var target = Engine(forecaster);

        var error = Assert.Throws<InvalidDataException>(() => SeriesRecordCodec.Decode(record, "pump-1", target));
        Assert.Contains("pump-1", error.Message, StringComparison.Ordinal);
        Assert.False(target.TryGetSeries("pump-1", out _));
    }

    [Fact]
    public void A_record_of_another_format_version_is_refused()
    {
        using var forecaster = new GruForecaster(Model);
        var record = new byte[64];
        record[0] = 99;

        var error = Assert.Throws<InvalidDataException>(() => SeriesRecordCodec.Decode(record, "s", Engine(forecaster)));
        Assert.Contains("format 99", error.Message, StringComparison.Ordinal);
    }
}
