using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class RoutineMissTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 6;
    private const int PointsPerDay = 288;

    // Every day at 03:20 one 5-minute point jumps far above the series: a nightly job the model cannot time.
    private static bool Spike(DateTimeOffset time) => time.Hour == 3 && time.Minute == 20;

    // A series whose days repeat: a slow daily cycle under small noise.
    private static double Daily(DateTimeOffset time, double noise) =>
        20 + (2 * Math.Sin(2 * Math.PI * time.TimeOfDay.TotalHours / 24)) + noise + (Spike(time) ? 30 : 0);

    // A series on another clock: a slow cycle of 37 hours, so the same hour a day later is another phase of it.
    private static double OtherClock(DateTimeOffset time, double noise) =>
        20 + (10 * Math.Sin(2 * Math.PI * (time - Day0).TotalHours / 37)) + noise + (Spike(time) ? 50 : 0);

    private static Dictionary<DateTimeOffset, DetectionResult> Run(Func<DateTimeOffset, double, double> value, int routineMissDays)
    {
        using var forecaster = new GruForecaster(new ModelOptions());
        var engine = new DetectionEngine(forecaster, new ScoringOptions { FlatlinePoints = 0, ShortWindow = 1, RoutineMissDays = routineMissDays },
            () => ScalerFactory.Create(ScalerKind.MinMax));
        var random = new Random(5);
        var results = new DetectionResult[1];
        var all = new Dictionary<DateTimeOffset, DetectionResult>();
        for (var i = 0; i < Days * PointsPerDay; i++)
        {
            var time = Day0.AddMinutes(5 * i);
            engine.Process([new SensorPoint("s", time, value(time, 0.2 * (random.NextDouble() - 0.5)))], results);
            all[time] = results[0];
        }

        return all;
    }

    private static IEnumerable<DetectionResult> SpikesAfterDay(Dictionary<DateTimeOffset, DetectionResult> run, int day) =>
        run.Where(r => Spike(r.Key) && (r.Key - Day0).Days > day).Select(r => r.Value);

    [Fact]
    public void A_nightly_miss_in_a_series_whose_days_repeat_is_routine_after_its_first_night()
    {
        var routine = Run(Daily, routineMissDays: 14);
        var off = Run(Daily, routineMissDays: 0);

        Assert.All(SpikesAfterDay(off, 2), r => Assert.True(r.IsAnomaly, $"without the rule the nightly miss flags (score {r.Score.Score:F3}, {r.Score.Parts})"));
        Assert.All(SpikesAfterDay(routine, 2), r => Assert.False(r.IsAnomaly, $"the nightly miss is the series' routine (score {r.Score.Score:F3}, {r.Score.Parts})"));
    }

    [Fact]
    public void The_same_miss_at_the_same_hour_is_news_every_day_in_a_series_on_another_clock()
    {
        var run = Run(OtherClock, routineMissDays: 14);

        Assert.All(SpikesAfterDay(run, 2), r => Assert.True(r.IsAnomaly, $"score {r.Score.Score:F3}, {r.Score.Parts}"));
    }
}
