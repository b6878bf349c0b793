using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class RoutineMissTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const int PointsPerDay = 288;

    // Every day at 03:20 one 5-minute point jumps far above the series: a nightly job the model cannot time. It jumps
    // by 42 on the first three nights and by 40 after them.
    private static bool Spike(DateTimeOffset time) => time.Hour == 3 && time.Minute == 20;

    private static double Nightly(int i, DateTimeOffset time, double noise) =>
        20 + (2 * Math.Sin(2 * Math.PI * time.TimeOfDay.TotalHours / 24)) + noise + (Spike(time) ? (i < 3 * PointsPerDay ? 42 : 40) : 0);

    // Telemetry that switches between three modes at moments nobody can predict, after flat stretches of 300 to 700
    // points: each switch is a large miss, and an ordinary one.
    private static Func<int, DateTimeOffset, double, double> Modes()
    {
        var random = new Random(3);
        var levels = new List<double>();
        while (levels.Count < 6000)
        {
            levels.AddRange(Enumerable.Repeat(10.0 * (levels.Count == 0 ? 0 : (levels[^1] / 10 + 1 + random.Next(2)) % 3), random.Next(300, 700)));
        }

        return (i, _, noise) => levels[i] + noise;
    }

    private static List<(DateTimeOffset Time, DetectionResult Result)> Run(Func<int, DateTimeOffset, double, double> value, int points, bool routine)
    {
        using var forecaster = new GruForecaster(new ModelOptions());
        var engine = new DetectionEngine(forecaster, new ScoringOptions { FlatlinePoints = 0, ShortWindow = 1, RoutineMisses = routine },
            () => ScalerFactory.Create(ScalerKind.MinMax));
        var random = new Random(5);
        var results = new DetectionResult[1];
        var all = new List<(DateTimeOffset, DetectionResult)>();
        for (var i = 0; i < points; i++)
        {
            var time = Start.AddMinutes(5 * i);
            engine.Process([new SensorPoint("s", time, value(i, time, 0.2 * (random.NextDouble() - 0.5)))], results);
            all.Add((time, results[0]));
        }

        return all;
    }

    [Fact]
    public void A_nightly_miss_no_larger_than_on_three_earlier_nights_is_routine()
    {
        var routine = Run(Nightly, 7 * PointsPerDay, routine: true);
        var off = Run(Nightly, 7 * PointsPerDay, routine: false);

        // The first three nights each close a stretch of 250 points with their miss in it, so from the fourth night on
        // a smaller miss is routine; from the fifth on, the residual statistics have shed the first nights' misses
        // enough for it to flag without the rule.
        static IEnumerable<DetectionResult> Later(List<(DateTimeOffset Time, DetectionResult Result)> run) =>
            run.Where(r => Spike(r.Time) && (r.Time - Start).Days >= 4).Select(r => r.Result);
        Assert.All(Later(off), r => Assert.True(r.IsAnomaly, $"without the rule the nightly miss flags (score {r.Score.Score:F3}, {r.Score.Parts})"));
        Assert.All(Later(routine), r => Assert.False(r.IsAnomaly, $"the nightly miss is the series' routine (score {r.Score.Score:F3}, {r.Score.Parts})"));
    }

    [Fact]
    public void Mode_switches_after_long_flat_stretches_stop_flagging_once_the_series_has_made_them_often()
    {
        var value = Modes();
        var routine = Run(value, 6000, routine: true);
        var off = Run(value, 6000, routine: false);

        // Flags the residual carried; a mode not seen for days still flags on its level, with the rule or without it.
        static int Misses(List<(DateTimeOffset Time, DetectionResult Result)> run) =>
            run.Skip(3000).Count(r => r.Result.IsAnomaly && r.Result.Score.Parts.Residual == r.Result.Score.Score);
        Assert.True(Misses(off) >= 3, $"without the rule {Misses(off)} switches flag as misses");
        Assert.True(Misses(routine) <= Misses(off) / 3, $"with the rule {Misses(routine)} switches flag as misses, without it {Misses(off)}");
    }
}
