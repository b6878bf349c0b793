using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class DayAgoOpinionTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    // 5-minute points around 10 with a small wiggle; every day from 12:00 to 13:00 the series steps up to 100, a daily
    // event a model without a clock misses. On day 4 the step does not come.
    private static double Value(DateTimeOffset time, int i)
    {
        var stepDay = (time - Day0).Days < 4;
        return (stepDay && time.Hour == 12 ? 100 : 10) + (0.5 * Math.Sin(i / 3.0));
    }

    // Each point's score over five days, by time.
    private static Dictionary<DateTimeOffset, AnomalyScore> Scores(bool dayAgoOpinion)
    {
        using var forecaster = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 8 });
        var engine = new DetectionEngine(forecaster,
            new ScoringOptions { WarmupPoints = 10, ShortWindow = 1, FlatlinePoints = 0, CooldownPoints = 0, DayAgoOpinion = dayAgoOpinion },
            () => ScalerFactory.Create(ScalerKind.MinMax));
        var results = new DetectionResult[1];
        var scores = new Dictionary<DateTimeOffset, AnomalyScore>();
        for (var i = 0; i < 5 * 288; i++)
        {
            var time = Day0.AddMinutes(5 * i);
            engine.Process([new SensorPoint("s", time, Value(time, i))], results);
            scores[time] = results[0].Score;
        }

        return scores;
    }

    // Computed once for the class: each run is 1,440 points of online learning.
    private static readonly Lazy<Dictionary<DateTimeOffset, AnomalyScore>> Without = new(() => Scores(dayAgoOpinion: false));
    private static readonly Lazy<Dictionary<DateTimeOffset, AnomalyScore>> With = new(() => Scores(dayAgoOpinion: true));

    private static bool OnDayAroundNoon(DateTimeOffset time, int day) =>
        (time - Day0).Days == day && time.Hour is >= 12 and <= 13;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_daily_step_the_model_misses_every_day_is_excused_by_yesterday(int day)
    {
        var noon = Day0.AddDays(day).AddHours(12);

        // The model misses the step by 6σ and more every day; the same hour yesterday explains it.
        Assert.True(Without.Value[noon].ZScore >= 6);
        var with = With.Value;
        Assert.InRange(with[noon].ZScore, 0, 1);
        Assert.DoesNotContain(with, s => s.Value.IsAnomaly && OnDayAroundNoon(s.Key, day));
    }

    [Fact]
    public void A_daily_step_that_fails_to_come_is_news()
    {
        var (without, with) = (Without.Value, With.Value);

        // Day 4 at noon the series stays at its usual level: the model, following it, does not miss; yesterday does.
        Assert.DoesNotContain(without, s => s.Value.IsAnomaly && OnDayAroundNoon(s.Key, 4));
        Assert.True(with[Day0.AddDays(4).AddHours(12)].IsAnomaly);
    }
}
