using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class DetectionEngineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly GruForecaster _forecaster = new(new ModelOptions { WindowSize = 5, HiddenSize = 16 });

    private DetectionEngine Engine(int warmup = 20) =>
        new(_forecaster, new ScoringOptions { WarmupPoints = warmup }, () => ScalerFactory.Create(ScalerKind.MinMax));

    private static SensorPoint Point(string series, int i, double value) => new(series, T0.AddMinutes(i), value);

    [Fact]
    public void A_series_fills_its_first_window_before_any_prediction_even_within_one_batch()
    {
        var engine = Engine();
        SensorPoint[] points = [.. Enumerable.Range(0, 8).Select(i => Point("a", i, i))];
        var results = new DetectionResult[points.Length];
        engine.Process(points, results);

        Assert.All(results.Take(5), r => Assert.Equal(SeriesPhase.Filling, r.Phase));
        Assert.All(results.Take(5), r => Assert.Null(r.Predicted));
        Assert.All(results.Skip(5), r => Assert.Equal(SeriesPhase.WarmingUp, r.Phase));
        Assert.All(results.Skip(5), r => Assert.NotNull(r.Predicted));
        Assert.Equal(points, results.Select(r => r.Point));
    }

    [Fact]
    public void Interleaved_series_are_independent_and_every_point_gets_one_result()
    {
        var engine = Engine();
        SensorPoint[] points = [.. Enumerable.Range(0, 12).SelectMany(i => new[] { Point("a", i, i), Point("b", i, 1000 + i), Point("c", i / 2, 3) }.Take(i % 2 == 0 ? 3 : 2))];
        var results = new DetectionResult[points.Length];
        engine.Process(points, results);

        Assert.Equal(3, engine.SeriesCount);
        Assert.Equal(points, results.Select(r => r.Point));
        Assert.Equal(7, results.Count(r => r.Point.SeriesId == "a" && r.Predicted is not null));
        Assert.Equal(7, results.Count(r => r.Point.SeriesId == "b" && r.Predicted is not null));
        Assert.Equal(1, results.Count(r => r.Point.SeriesId == "c" && r.Predicted is not null));
    }

    [Fact]
    public void Predictions_come_back_in_the_series_own_units_and_the_residual_is_value_minus_prediction()
    {
        var engine = Engine();
        var results = new DetectionResult[1];
        for (var i = 0; i < 300; i++)
        {
            engine.Process([Point("high", i, 5000 + (10 * Math.Sin(i / 3.0)))], results);
        }

        var last = results[0];
        Assert.InRange(last.Predicted!.Value, 4985, 5015);
        Assert.Equal(last.Point.Value - last.Predicted.Value, last.Residual!.Value, 9);
        Assert.Equal(SeriesPhase.Live, last.Phase);
        Assert.False(float.IsNaN(engine.LastTrainingLoss));
    }

    [Fact]
    public void A_spike_after_warm_up_is_flagged_at_that_point()
    {
        var engine = Engine(warmup: new ScoringOptions().WarmupPoints);
        var results = new DetectionResult[1];
        for (var i = 0; i < 400; i++)
        {
            engine.Process([Point("s", i, 20 + (5 * Math.Sin(i / 4.0)))], results);
            Assert.False(results[0].IsAnomaly, $"clean point {i} flagged");
        }

        engine.Process([Point("s", 400, 60)], results);
        Assert.True(results[0].IsAnomaly);
        Assert.Equal(SeriesPhase.Live, results[0].Phase);
    }

    [Fact]
    public void A_learn_share_trains_on_part_of_the_batch_but_predicts_every_point()
    {
        using var full = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 16, TrainBatchSize = 8, MaxTrainBatchSize = 8, TrainSamplesPerPoint = 1 });
        using var shed = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 16, TrainBatchSize = 8, MaxTrainBatchSize = 8, TrainSamplesPerPoint = 1 });
        SensorPoint[] warm = [.. Enumerable.Range(0, 5).Select(i => Point("a", i, i))];
        SensorPoint[] batch = [.. Enumerable.Range(5, 64).Select(i => Point("a", i, Math.Sin(i)))];
        var results = new DetectionResult[batch.Length];
        foreach (var (forecaster, share) in new[] { (full, 1.0), (shed, 0.25) })
        {
            var engine = new DetectionEngine(forecaster, new ScoringOptions(), () => ScalerFactory.Create(ScalerKind.MinMax));
            engine.Process(warm, new DetectionResult[warm.Length]);
            engine.Process(batch, results, share);
            Assert.All(results, r => Assert.NotNull(r.Predicted));
        }

        // 64 pairs at one sample each in mini-batches of 8: 8 steps; a quarter of them: 2 steps.
        Assert.Equal(8, full.TrainingSteps);
        Assert.Equal(2, shed.TrainingSteps);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_learn_share_outside_zero_to_one_is_refused(double share)
    {
        var engine = Engine();
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Process([Point("a", 0, 1)], new DetectionResult[1], share));
    }

    [Fact]
    public void Detect_predicts_without_learning_and_learn_pending_takes_steps_from_what_waits()
    {
        using var forecaster = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 16, TrainBatchSize = 8, MaxTrainBatchSize = 8, TrainSamplesPerPoint = 2 });
        var engine = new DetectionEngine(forecaster, new ScoringOptions(), () => ScalerFactory.Create(ScalerKind.MinMax));
        engine.Process([.. Enumerable.Range(0, 5).Select(i => Point("a", i, i))], new DetectionResult[5]);
        SensorPoint[] batch = [.. Enumerable.Range(5, 20).Select(i => Point("a", i, Math.Sin(i)))];
        var results = new DetectionResult[batch.Length];

        Assert.Equal(20, engine.Detect(batch, results));
        Assert.All(results, r => Assert.NotNull(r.Predicted));
        Assert.Equal(0, forecaster.TrainingSteps);
        Assert.Equal(4, engine.PointsPerStep);

        engine.LearnPending(4);
        Assert.Equal(1, forecaster.TrainingSteps);
        Assert.Equal(16, engine.PendingLearnable);
        engine.LearnPending(8);
        Assert.Equal(3, forecaster.TrainingSteps);
        Assert.Equal(8, engine.PendingLearnable);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.LearnPending(9));

        // A new batch drops what the last one left unlearned.
        Assert.Equal(1, engine.Detect([Point("a", 25, 0.5)], new DetectionResult[1]));
        Assert.Equal(1, engine.PendingLearnable);
    }

    public void Dispose() => _forecaster.Dispose();
}
