using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

/// <summary>The policy: equal to the series' last timestamp is a duplicate, older is late; both predicted only.</summary>
public sealed class LateAndDuplicatePointsTests : IDisposable
{
    private const int W = 5;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelOptions Model = new() { WindowSize = W, HiddenSize = 16, TrainBatchSize = 8 };
    private readonly GruForecaster _forecaster = new(Model);
    private readonly GruForecaster _twin = new(Model);

    public void Dispose()
    {
        _forecaster.Dispose();
        _twin.Dispose();
    }

    private static DetectionEngine Engine(GruForecaster forecaster) =>
        new(forecaster, new ScoringOptions { WarmupPoints = 20 }, () => ScalerFactory.Create(ScalerKind.MinMax));

    private static SensorPoint Point(int minute, double value, string series = "s") => new(series, T0.AddMinutes(minute), value);

    private static double Wave(int minute) => 10 + (3 * Math.Sin(minute / 4.0));

    private static DetectionResult One(DetectionEngine engine, SensorPoint point)
    {
        var results = new DetectionResult[1];
        engine.Process([point], results);
        return results[0];
    }

    private static void Feed(DetectionEngine engine, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            One(engine, Point(i, Wave(i)));
        }
    }

    private static double[] Values(SeriesState state)
    {
        var values = new double[state.Window.Window.Count];
        state.Window.Window.CopyTo(values);
        return values;
    }

    [Fact]
    public void In_order_points_are_taken_and_move_the_last_timestamp()
    {
        var engine = Engine(_forecaster);
        var results = Enumerable.Range(0, 30).Select(i => One(engine, Point(i, Wave(i)))).ToList();

        Assert.All(results, r => Assert.True(r.Phase is SeriesPhase.Filling or SeriesPhase.WarmingUp or SeriesPhase.Live, r.Phase.ToString()));
        Assert.True(engine.TryGetSeries("s", out var state));
        Assert.Equal(T0.AddMinutes(29), state.LastTimestamp);
        Assert.Equal(30, state.Window.PointsSeen);
    }

    [Fact]
    public void A_point_at_the_last_timestamp_is_a_duplicate_predicted_from_the_current_window_and_never_flagged()
    {
        var engine = Engine(_forecaster);
        Feed(engine, 0, 60);
        long steps = _forecaster.TrainingSteps;

        // Far off its series' range: as a new point it would be flagged; as a duplicate it is not even scored.
        var duplicate = One(engine, Point(59, 1000));
        var next = One(engine, Point(60, Wave(60)));

        Assert.Equal(SeriesPhase.Duplicate, duplicate.Phase);
        Assert.False(duplicate.IsAnomaly);
        Assert.Equal(0, duplicate.Score.Score);
        Assert.Equal(1000 - duplicate.Predicted!.Value, duplicate.Residual!.Value, 9);
        // Nothing was learned in between, and the window is the same: the next point is predicted exactly as the duplicate was.
        Assert.Equal(next.Predicted, duplicate.Predicted);
        Assert.Equal(SeriesPhase.Live, next.Phase);
        Assert.True(_forecaster.TrainingSteps > steps);
    }

    [Fact]
    public void An_older_point_is_late_and_one_that_comes_while_the_window_fills_has_no_prediction()
    {
        var engine = Engine(_forecaster);
        Feed(engine, 10, 13);
        var lateWhileFilling = One(engine, Point(5, 1));
        Feed(engine, 13, 40);
        var late = One(engine, Point(20, Wave(20)));

        Assert.Equal(SeriesPhase.Late, lateWhileFilling.Phase);
        Assert.Null(lateWhileFilling.Predicted);
        Assert.Null(lateWhileFilling.Residual);
        Assert.Equal(SeriesPhase.Late, late.Phase);
        Assert.NotNull(late.Predicted);
        Assert.False(late.IsAnomaly);
    }

    [Fact]
    public void Late_and_duplicate_points_leave_window_scaler_scorer_and_model_exactly_as_they_were()
    {
        var engine = Engine(_forecaster);
        var twin = Engine(_twin);
        Feed(engine, 0, 50);
        Feed(twin, 0, 50);
        Assert.True(engine.TryGetSeries("s", out var state));
        var window = Values(state);
        var scaler = (MinMaxScaler)state.Window.Scaler;
        var (min, max) = (scaler.Min, scaler.Max);

        // One batch: a duplicate, a late point far below the range, another series' in-order point, a duplicate of
        // that; the twin sees only the in-order point.
        SensorPoint[] batch = [Point(49, 7), Point(3, -500), Point(0, 1, "other"), Point(0, 2, "other")];
        var results = new DetectionResult[batch.Length];
        engine.Process(batch, results);
        twin.Process([Point(0, 1, "other")], new DetectionResult[1]);

        Assert.Equal([SeriesPhase.Duplicate, SeriesPhase.Late, SeriesPhase.Filling, SeriesPhase.Duplicate], results.Select(r => r.Phase));
        Assert.Equal(window, Values(state));
        Assert.Equal((min, max), (scaler.Min, scaler.Max));
        Assert.Equal(50, state.Window.PointsSeen);
        Assert.Equal(T0.AddMinutes(49), state.LastTimestamp);

        // Then in order again: every result equals the twin's, which never saw the late and duplicate points.
        for (var i = 50; i < 120; i++)
        {
            var point = Point(i, Wave(i) + (i == 100 ? 15 : 0));
            Assert.Equal(One(twin, point), One(engine, point));
        }

        Assert.Equal(_twin.TrainingSteps, _forecaster.TrainingSteps);
    }
}
