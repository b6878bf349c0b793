using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class WeekAgoOpinionTests
{
    private const double NoiseStd = 0.02; // scaled units
    private const double ValueStd = 0.2;

    private static ScoringOptions Options() => new() { MinStd = 0.005, ShortWindow = 1 };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // A scorer that has seen 2000 noisy model residuals, the last `weekAgoPoints` of them with a week-ago residual
    // `weekAgoStd` wide, on values ValueStd wide.
    private static ResidualScorer Warmed(int seed, int weekAgoPoints, double weekAgoStd = NoiseStd)
    {
        var random = new Random(seed);
        var scorer = new ResidualScorer(Options());
        for (var i = 0; i < 2000; i++)
        {
            var residual = NoiseStd * Gaussian(random);
            var week = new WeekAgo(weekAgoStd * Gaussian(random), 0.5 + (ValueStd * Gaussian(random)));
            scorer.Score(residual, weekAgo: i >= 2000 - weekAgoPoints ? week : null);
        }

        return scorer;
    }

    [Fact]
    public void A_day_unlike_the_same_day_a_week_earlier_is_news_though_the_model_followed_it()
    {
        var holiday = Warmed(seed: 1, weekAgoPoints: 500).Score(0, weekAgo: new WeekAgo(-12 * NoiseStd, 0.3));
        var ordinary = Warmed(seed: 1, weekAgoPoints: 500).Score(0, weekAgo: new WeekAgo(-NoiseStd, 0.3));

        Assert.True(holiday.IsAnomaly);
        Assert.InRange(holiday.ZScore, 10, 14);
        Assert.False(ordinary.IsAnomaly);
    }

    // Scores `points` points of a day unlike the same day a week earlier, `weekAgoStds` week-ago noise stds off it; the first.
    private static AnomalyScore Holiday(ResidualScorer scorer, int points, double weekAgoStds, List<AnomalyScore>? scores = null)
    {
        var first = default(AnomalyScore);
        for (var i = 0; i < points; i++)
        {
            var score = scorer.Score(0, weekAgo: new WeekAgo(weekAgoStds * NoiseStd, 0.3));
            first = i == 0 ? score : first;
            scores?.Add(score);
        }

        return first;
    }

    [Fact]
    public void One_holiday_does_not_hide_the_next()
    {
        // Two days of half-hours unlike a week earlier, 200 ordinary points, then the next such day. Exponentially
        // weighted statistics would take the first in and cut the second's z to under a third; the stretches' spread
        // passes over it (only the mean moves a little).
        var random = new Random(6);
        var scorer = Warmed(seed: 6, weekAgoPoints: 1500);
        var first = Holiday(scorer, 96, -12);
        for (var i = 0; i < 200; i++)
        {
            scorer.Score(0, weekAgo: new WeekAgo(NoiseStd * Gaussian(random), 0.5 + (ValueStd * Gaussian(random))));
        }

        var second = Holiday(scorer, 1, -12);

        Assert.True(first.IsAnomaly);
        Assert.True(second.IsAnomaly);
        Assert.InRange(second.ZScore, 0.8 * first.ZScore, 1.1 * first.ZScore);
    }

    [Fact]
    public void A_day_unlike_a_week_earlier_is_one_incident_however_long_it_lasts()
    {
        var scorer = Warmed(seed: 7, weekAgoPoints: 1500);
        var scores = new List<AnomalyScore>();
        Holiday(scorer, 200, -12, scores);
        var deeper = Holiday(scorer, 1, -40);

        Assert.Equal(1, scores.Count(score => score.IsAnomaly));
        Assert.True(scores[0].IsAnomaly);
        Assert.True(deeper.IsAnomaly);
    }

    [Fact]
    public void A_series_whose_weeks_do_not_explain_its_swings_gets_no_week_ago_say()
    {
        // The week-ago residuals are 0.75 of the values' spread: last week is no forecast of this one.
        var score = Warmed(seed: 2, weekAgoPoints: 500, weekAgoStd: 0.15).Score(0, weekAgo: new WeekAgo(-12 * 0.15, 0.3));

        Assert.False(score.IsAnomaly);
    }

    [Fact]
    public void The_opinion_counts_only_after_its_own_warm_up()
    {
        var early = Warmed(seed: 3, weekAgoPoints: ResidualScorer.WeekAgoWarmup - 1).Score(0, weekAgo: new WeekAgo(-12 * NoiseStd, 0.3));

        Assert.False(early.IsAnomaly);
    }

    [Fact]
    public void A_restored_scorer_weighs_the_week_as_the_original_does()
    {
        var original = Warmed(seed: 4, weekAgoPoints: 1000);
        Holiday(original, 30, -12);
        var restored = new ResidualScorer(Options());
        restored.Restore(original.Capture());

        Assert.NotNull(original.Capture().WeekAgo?.Spread);
        Assert.NotNull(original.Capture().Values?.Spread);
        Assert.True(original.Capture().WeekHeld > 0);
        // The holiday goes on (held), ends, and comes back (scored against the spread).
        for (var i = 0; i < 60; i++)
        {
            var point = new WeekAgo((i is < 10 or >= 50 ? -12 : 0) * NoiseStd, 0.3);
            Assert.Equal(original.Score(0, weekAgo: point), restored.Score(0, weekAgo: point));
        }
    }

    [Fact]
    public void A_state_with_a_spread_or_an_excursion_no_scorer_could_have_is_refused()
    {
        var state = Warmed(seed: 8, weekAgoPoints: 1000).Capture();
        var brokenSpread = state.WeekAgo! with { Spread = state.WeekAgo.Spread! with { Next = 0, Closed = 3 } };

        Assert.Throws<ArgumentException>(() => new ResidualScorer(Options()).Restore(state with { WeekAgo = brokenSpread }));
        Assert.Throws<ArgumentException>(() => new ResidualScorer(Options()).Restore(state with { WeekHeld = 2 }));
        new ResidualScorer(Options()).Restore(state);
    }

    [Theory]
    [InlineData(0.3, false, AnomalySeverity.None)]
    [InlineData(0.6, true, AnomalySeverity.Medium)]
    [InlineData(1.5, true, AnomalySeverity.High)]
    public void A_level_beyond_the_series_last_days_scores_by_its_depth(double depth, bool flagged, AnomalySeverity severity)
    {
        var scorer = Warmed(seed: 5, weekAgoPoints: 0);

        var score = scorer.Score(0, levelDepth: depth);

        Assert.Equal(Surprise.Ceiling * depth / (depth + ResidualScorer.LevelHalf), score.Score, 9);
        Assert.Equal(flagged, score.IsAnomaly);
        Assert.Equal(severity, score.Severity);
    }
}
