using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class HourOfDayNoveltyTests : IDisposable
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly GruForecaster _forecaster = new(new ModelOptions { WindowSize = 5, HiddenSize = 8 });

    public void Dispose() => _forecaster.Dispose();

    // 5-minute points: a low wiggle around 10, and from 12:00 to 13:00 each day a burst. On days 0 and 1 the burst
    // alternates 10 and 20; on day 2 it sits at 15, a band the series never had, but within what hour 12 did before.
    private static IEnumerable<SensorPoint> Feed()
    {
        for (var i = 0; i < 3 * 288; i++)
        {
            var time = Day0.AddMinutes(5 * i);
            var burst = time.Hour == 12;
            var value = !burst ? 10 + (0.5 * Math.Sin(i / 3.0)) : time.Day == Day0.Day + 2 ? 15 : i % 2 == 0 ? 10 : 20;
            yield return new SensorPoint("s", time, value);
        }
    }

    // The score of the first point of day 2's burst.
    private double ScoreOfTheFirstUsualNovelty(int hourOfDayDays)
    {
        var engine = new DetectionEngine(_forecaster,
            new ScoringOptions { WarmupPoints = 10, FlatlinePoints = 0, CooldownPoints = 0, HourOfDayDays = hourOfDayDays },
            () => ScalerFactory.Create(ScalerKind.MinMax));
        var results = new DetectionResult[1];
        foreach (var point in Feed())
        {
            engine.Detect([point], results);
            if (point.Timestamp == Day0.AddDays(2).AddHours(12))
            {
                return results[0].Score.Score;
            }
        }

        throw new InvalidOperationException("the feed has no day-2 burst");
    }

    [Fact]
    public void A_new_context_the_series_had_at_this_hour_on_an_earlier_day_is_not_news()
    {
        var threshold = new ScoringOptions().Threshold;
        // Without a clock the burst's new band makes a context new at two of three lengths (0.66): a flag.
        Assert.True(ScoreOfTheFirstUsualNovelty(hourOfDayDays: 0) >= threshold);
        // With it, the value is what hour 12 held on the days before, and only the (small) residual speaks.
        Assert.True(ScoreOfTheFirstUsualNovelty(hourOfDayDays: 7) < threshold);
    }
}
