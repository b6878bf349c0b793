using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

public sealed class StreamingModeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ScoringOptions Scoring = new() { WarmupPoints = 20 };

    // Frozen (no training), so that every prediction is a function of the weights and the series' values alone.
    private static readonly ModelOptions Frozen = new() { Mode = ForecastMode.Streaming, WindowSize = 5, HiddenSize = 16, TrainSamplesPerPoint = 0 };

    private static readonly ModelOptions Learning = new() { Mode = ForecastMode.Streaming, WindowSize = 5, HiddenSize = 16, TrainBatchSize = 8 };

    private static DetectionEngine Engine(GruForecaster forecaster) => new(forecaster, Scoring, () => ScalerFactory.Create(ScalerKind.MinMax));

    private static double Value(string series, int i) => series == "a" ? 20 + (5 * Math.Sin(i / 4.0)) : (i % 7) - (0.01 * i);

    private static SensorPoint Point(string series, int i) => new(series, T0.AddMinutes(i), Value(series, i));

    [Fact]
    public void A_streaming_series_predicts_what_stepping_the_cell_by_hand_gives()
    {
        using var forecaster = new GruForecaster(Frozen);
        var engine = Engine(forecaster);
        var cell = new StreamingGru(forecaster);
        var scaler = new MinMaxScaler();
        var state = new float[cell.HiddenSize];
        var next = new float[1];
        var results = new DetectionResult[1];
        for (var i = 0; i < 60; i++)
        {
            engine.Process([Point("a", i)], results);
            if (i >= Frozen.WindowSize)
            {
                Assert.Equal(scaler.Unscale(next[0]), results[0].Predicted!.Value, 9);
            }
            else
            {
                Assert.Null(results[0].Predicted);
            }

            scaler.Observe(Value("a", i));
            cell.Step([scaler.Scale(Value("a", i))], state, next);
        }
    }

    [Fact]
    public void Points_of_one_series_in_one_batch_step_in_order_as_if_they_came_one_by_one()
    {
        using var forecaster = new GruForecaster(Frozen);
        var batched = Engine(forecaster);
        var single = Engine(forecaster);
        var one = new DetectionResult[1];
        for (var i = 0; i < 40; i += 4)
        {
            // Two series, interleaved, two points each per batch, and a duplicate of a's first point of the batch.
            SensorPoint[] batch = [Point("a", i), Point("b", i), Point("a", i), Point("a", i + 1), Point("b", i + 1), Point("a", i + 2), Point("b", i + 2), Point("a", i + 3)];
            var results = new DetectionResult[batch.Length];
            batched.Detect(batch, results);
            for (var p = 0; p < batch.Length; p++)
            {
                single.Detect([batch[p]], one);
                Assert.Equal(one[0].Phase, results[p].Phase);
                Assert.Equal(one[0].Predicted is null, results[p].Predicted is null);
                // A cell step over 2 rows rounds differently from one over 1 row: equal to float precision.
                Assert.Equal(one[0].Predicted ?? 0, results[p].Predicted ?? 0, 1e-5);
                Assert.Equal(one[0].Score.Score, results[p].Score.Score, 1e-4);
            }
        }
    }

    [Fact]
    public void A_restored_series_continues_bit_for_bit()
    {
        using var forecaster = new GruForecaster(Frozen);
        var engine = Engine(forecaster);
        var results = new DetectionResult[1];
        for (var i = 0; i < 43; i++)
        {
            engine.Process([Point("a", i)], results);
        }

        Assert.True(engine.TryGetSeries("a", out var saved));
        Assert.True(saved.Carry!.ChunkInputs is > 0 and < 5, "the record holds a chunk half gathered");
        var restored = Engine(forecaster);
        SeriesRecordCodec.Decode(SeriesRecordCodec.Encode(saved, 43), "a", restored);
        Assert.True(restored.TryGetSeries("a", out var back));
        Assert.Equal(saved.Carry.Hidden.ToArray(), back.Carry!.Hidden.ToArray());

        var other = new DetectionResult[1];
        for (var i = 43; i < 80; i++)
        {
            engine.Process([Point("a", i)], results);
            restored.Process([Point("a", i)], other);
            Assert.Equal(results[0].Predicted, other[0].Predicted);
            Assert.Equal(results[0].Score, other[0].Score);
        }
    }

    [Fact]
    public void A_series_restored_without_a_carried_state_steps_through_its_window_first()
    {
        using var windowedModel = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 16, TrainSamplesPerPoint = 0 });
        var windowed = Engine(windowedModel);
        var results = new DetectionResult[1];
        for (var i = 0; i < 30; i++)
        {
            windowed.Process([Point("a", i)], results);
        }

        Assert.True(windowed.TryGetSeries("a", out var saved));
        Assert.Null(saved.Carry);
        using var forecaster = new GruForecaster(Frozen);
        var streaming = Engine(forecaster);
        SeriesRecordCodec.Decode(SeriesRecordCodec.Encode(saved, 30), "a", streaming);
        streaming.Process([Point("a", 30)], results);

        // By hand: the window's 5 values, scaled as the restored scaler stands, stepped from a zero state.
        var cell = new StreamingGru(forecaster);
        var scaler = saved.Window.Scaler;
        var state = new float[cell.HiddenSize];
        var next = new float[1];
        for (var i = 25; i < 30; i++)
        {
            cell.Step([scaler.Scale(Value("a", i))], state, next);
        }

        Assert.Equal(SeriesPhase.Live, results[0].Phase);
        Assert.Equal(scaler.Unscale(next[0]), results[0].Predicted!.Value, 9);
    }

    [Fact]
    public void The_streaming_engine_learns_its_loss_falls_and_it_predicts_better_than_the_same_weights_frozen()
    {
        // Same seed, so both start from the same weights; only one of them trains.
        using var learningModel = new GruForecaster(Learning);
        using var frozenModel = new GruForecaster(Frozen);
        var (learning, frozen) = (Engine(learningModel), Engine(frozenModel));
        var (learned, fixedResults) = (new DetectionResult[2], new DetectionResult[2]);
        var losses = new List<float>();
        double learnedError = 0, frozenError = 0;
        for (var i = 0; i < 200; i++)
        {
            SensorPoint[] points = [Point("a", i), Point("b", i)];
            learning.Process(points, learned);
            frozen.Process(points, fixedResults);
            if (float.IsFinite(learning.LastTrainingLoss))
            {
                losses.Add(learning.LastTrainingLoss);
            }

            if (i >= 150)
            {
                for (var p = 0; p < points.Length; p++)
                {
                    learnedError += Math.Pow(points[p].Value - learned[p].Predicted!.Value, 2);
                    frozenError += Math.Pow(points[p].Value - fixedResults[p].Predicted!.Value, 2);
                }
            }
        }

        Assert.True(learningModel.TrainingSteps > 100, $"{learningModel.TrainingSteps} steps");
        Assert.Equal(0, frozenModel.TrainingSteps);
        var (first, last) = (losses.Take(30).Average(), losses.TakeLast(30).Average());
        Assert.True(last < first / 2, $"training loss over the first 30 steps {first:G3}, over the last 30 {last:G3}");
        Assert.True(learnedError < frozenError / 2, $"squared error over the last 50 points: learning {learnedError:G3}, frozen {frozenError:G3}");
    }
}
