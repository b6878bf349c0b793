using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class DayAgoOpinionTests
{
    private const double NoiseStd = 0.02; // scaled units

    // One residual per short mean and the floor out of the way, so z = r / σ for both streams.
    private static ScoringOptions Options() => new() { MinStd = 0.005, ShortWindow = 1 };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // A scorer that has seen 2000 noisy model residuals, the last `dayAgoPoints` of them with a day-ago residual
    // `dayAgoSpread` times as noisy.
    private static ResidualScorer Warmed(int seed, int dayAgoPoints, double dayAgoSpread = 1)
    {
        var random = new Random(seed);
        var scorer = new ResidualScorer(Options());
        for (var i = 0; i < 2000; i++)
        {
            var residual = NoiseStd * Gaussian(random);
            var dayAgo = dayAgoSpread * NoiseStd * Gaussian(random);
            scorer.Score(residual, dayAgo: i >= 2000 - dayAgoPoints ? new DayAgo(dayAgo, UsualForHour: false) : null);
        }

        return scorer;
    }

    [Fact]
    public void A_miss_that_yesterday_s_hour_explains_is_excused()
    {
        var spike = 12 * NoiseStd;

        var withoutOpinion = Warmed(seed: 3, dayAgoPoints: 0).Score(spike);
        var explained = Warmed(seed: 3, dayAgoPoints: 500).Score(spike, dayAgo: new DayAgo(0.5 * NoiseStd, UsualForHour: true));

        Assert.True(withoutOpinion.IsAnomaly);
        Assert.False(explained.IsAnomaly);
        Assert.InRange(explained.ZScore, 0, ResidualScorer.DayAgoExcuse * 1.5);
    }

    [Fact]
    public void A_miss_yesterday_does_not_explain_still_counts()
    {
        var score = Warmed(seed: 4, dayAgoPoints: 500).Score(12 * NoiseStd, dayAgo: new DayAgo(12 * NoiseStd, UsualForHour: true));

        Assert.True(score.IsAnomaly);
        Assert.InRange(score.ZScore, 10, 14);
    }

    [Fact]
    public void The_opinion_counts_only_after_its_own_warm_up()
    {
        var early = Warmed(seed: 5, dayAgoPoints: ResidualScorer.DayAgoWarmup - 1)
            .Score(12 * NoiseStd, dayAgo: new DayAgo(0.5 * NoiseStd, UsualForHour: true));

        Assert.True(early.IsAnomaly);
    }

    [Fact]
    public void A_value_unusual_for_its_hour_and_unlike_yesterday_is_news_though_the_model_followed_it()
    {
        var unusual = Warmed(seed: 6, dayAgoPoints: 500).Score(0, dayAgo: new DayAgo(12 * NoiseStd, UsualForHour: false));
        var usual = Warmed(seed: 6, dayAgoPoints: 500).Score(0, dayAgo: new DayAgo(12 * NoiseStd, UsualForHour: true));

        Assert.True(unusual.IsAnomaly);
        Assert.InRange(unusual.ZScore, 10, 14);
        Assert.False(usual.IsAnomaly);
        Assert.Equal(0, usual.Parts.DayAgo);
        Assert.Equal(0, usual.Parts.Residual, 2);
    }

    [Fact]
    public void Yesterday_has_no_say_for_a_series_whose_days_do_not_repeat()
    {
        // Day-ago residuals three times as spread as the model's: yesterday is no predictor of this series.
        var miss = Warmed(seed: 10, dayAgoPoints: 500, dayAgoSpread: 3).Score(12 * NoiseStd, dayAgo: new DayAgo(0.5 * NoiseStd, UsualForHour: true));
        var unlike = Warmed(seed: 10, dayAgoPoints: 500, dayAgoSpread: 3).Score(0, dayAgo: new DayAgo(40 * NoiseStd, UsualForHour: false));

        Assert.True(miss.IsAnomaly);
        Assert.False(unlike.IsAnomaly);
    }

    [Fact]
    public void A_restored_scorer_weighs_yesterday_as_the_original()
    {
        var original = Warmed(seed: 7, dayAgoPoints: 300);
        var state = original.Capture();
        Assert.Equal(300, state.DayAgo!.Count);
        var copy = new ResidualScorer(Options());
        copy.Restore(state);

        var random = new Random(70);
        for (var i = 0; i < 200; i++)
        {
            var residual = (i % 50 == 0 ? 15 : 1) * NoiseStd * Gaussian(random);
            var dayAgo = new DayAgo((i % 70 == 0 ? 15 : 1) * NoiseStd * Gaussian(random), UsualForHour: i % 3 == 0);
            Assert.Equal(original.Score(residual, dayAgo: dayAgo), copy.Score(residual, dayAgo: dayAgo));
        }
    }

    [Fact]
    public void A_state_without_day_ago_statistics_starts_them_afresh()
    {
        var state = Warmed(seed: 8, dayAgoPoints: 500).Capture() with { DayAgo = null };
        var restored = new ResidualScorer(Options());
        restored.Restore(state);

        // With no day-ago statistics the opinion is still warming up: the miss counts.
        Assert.True(restored.Score(12 * NoiseStd, dayAgo: new DayAgo(0.5 * NoiseStd, UsualForHour: true)).IsAnomaly);
    }

    [Fact]
    public void A_state_with_impossible_day_ago_statistics_is_refused_and_changes_nothing()
    {
        var scorer = Warmed(seed: 9, dayAgoPoints: 500);
        var before = scorer.Capture();
        var bad = before with { DayAgo = before.DayAgo! with { Variance = -1 } };

        Assert.Throws<ArgumentException>(() => scorer.Restore(bad));
        Assert.Equivalent(before, scorer.Capture(), strict: true);
    }
}
