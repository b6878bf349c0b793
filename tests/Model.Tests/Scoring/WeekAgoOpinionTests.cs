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
        var original = Warmed(seed: 4, weekAgoPoints: 500);
        var restored = new ResidualScorer(Options());
        restored.Restore(original.Capture());

        Assert.NotNull(original.Capture().WeekAgo);
        Assert.NotNull(original.Capture().Values);
        var point = new WeekAgo(-12 * NoiseStd, 0.3);
        Assert.Equal(original.Score(0, weekAgo: point), restored.Score(0, weekAgo: point));
    }

    [Theory]
    [InlineData(0.3, false, AnomalySeverity.None)]
    [InlineData(0.6, true, AnomalySeverity.Medium)]
    [InlineData(1.5, true, AnomalySeverity.High)]
    public void A_level_beyond_the_series_last_days_scores_by_its_depth(double depth, bool flagged, AnomalySeverity severity)
    {
        var scorer = Warmed(seed: 5, weekAgoPoints: 0);

        var score = scorer.Score(0, levelDepth: depth);

        Assert.Equal(ResidualScorer.MaxResidualScore * depth / (depth + ResidualScorer.LevelHalf), score.Score, 9);
        Assert.Equal(flagged, score.IsAnomaly);
        Assert.Equal(severity, score.Severity);
    }
}
