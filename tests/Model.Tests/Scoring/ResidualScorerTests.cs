using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class ResidualScorerTests
{
    private const double NoiseStd = 0.02; // scaled units: residuals of 2% of the series' range

    // The scorer's mechanics with the std floor out of the way and one residual per short mean, so z = r / σ.
    private static ScoringOptions Options() => new() { MinStd = 0.005, ShortWindow = 1 };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ResidualScorer WarmedUp(Random random, int points = 2000)
    {
        var scorer = new ResidualScorer(Options());
        for (int i = 0; i < points; i++)
        {
            scorer.Score(NoiseStd * Gaussian(random));
        }

        return scorer;
    }

    [Fact]
    public void Gaussian_noise_rarely_flags_after_warm_up()
    {
        // Signed Gaussian residuals against the default threshold: a surprise of ~10, nominally 1e-10 (|z| ≥ 6.5).
        // Winsorising at ±4σ shrinks the estimated σ by well under 1%, and the cooldown only removes flags;
        // 3e-4 would still catch a scorer whose tail is off by orders of magnitude.
        const int Points = 200_000;
        var random = new Random(42);
        var scorer = new ResidualScorer(Options());
        int flags = 0, scoredAfterWarmup = 0;
        for (int i = 0; i < Points; i++)
        {
            bool warming = scorer.IsWarmingUp;
            AnomalyScore s = scorer.Score(NoiseStd * Gaussian(random));
            if (!warming)
            {
                scoredAfterWarmup++;
                flags += s.IsAnomaly ? 1 : 0;
            }
        }

        double rate = (double)flags / scoredAfterWarmup;
        Assert.True(rate < 0.0003, $"flag rate {rate:P3} ({flags} flags)");
        Assert.InRange(scorer.LongTermMean, -0.002, 0.002);
        Assert.InRange(scorer.LongTermStd, NoiseStd * 0.95, NoiseStd * 1.05);
    }

    [Fact]
    public void Residuals_below_the_std_floor_never_flag()
    {
        var random = new Random(1);
        var scorer = new ResidualScorer(new ScoringOptions());
        for (int i = 0; i < 50_000; i++)
        {
            Assert.False(scorer.Score(0.001 * Gaussian(random)).IsAnomaly);
        }
    }

    [Fact]
    public void Single_ten_sigma_spike_is_flagged_at_that_point()
    {
        var random = new Random(7);
        var scorer = WarmedUp(random);
        AnomalyScore spike = scorer.Score(10 * NoiseStd);
        Assert.True(spike.IsAnomaly);
        Assert.True(spike.Score >= new ScoringOptions().Threshold);
        Assert.NotEqual(AnomalySeverity.None, spike.Severity);
    }

    [Fact]
    public void Spike_does_not_blind_the_series()
    {
        var random = new Random(8);
        var scorer = WarmedUp(random);
        scorer.Score(double.PositiveInfinity);
        for (int i = 0; i < 20; i++)
        {
            scorer.Score(NoiseStd * Gaussian(random));
        }

        // Winsorising kept the long-term σ near its pre-spike value, so the next spike still stands out.
        Assert.True(scorer.LongTermStd < 1.25 * NoiseStd, $"σ = {scorer.LongTermStd}");
        Assert.True(scorer.Score(10 * NoiseStd).IsAnomaly);
    }

    [Fact]
    public void A_miss_no_larger_than_the_usual_one_is_routine_and_a_larger_one_is_not()
    {
        // A 10σ miss is routine against a usual miss of 12σ and news against one of 8σ; Miss is the miss either way,
        // for the routine to remember, and the excuse never touches the other signals.
        AnomalyScore excused = WarmedUp(new Random(11)).Score(10 * NoiseStd, usualMiss: 12 * NoiseStd);
        Assert.Equal(0, excused.Parts.Residual);
        Assert.False(excused.IsAnomaly);
        Assert.InRange(excused.Miss, 9.5 * NoiseStd, 10.5 * NoiseStd);

        AnomalyScore news = WarmedUp(new Random(11)).Score(10 * NoiseStd, usualMiss: 8 * NoiseStd);
        Assert.True(news.IsAnomaly);
        Assert.Equal(excused.Miss, news.Miss);
        Assert.Equal(1, WarmedUp(new Random(11)).Score(10 * NoiseStd, stuck: true, usualMiss: 12 * NoiseStd).Score);
        Assert.Equal(1, WarmedUp(new Random(11)).Score(10 * NoiseStd, novelty: new Novelty(true, 0), usualMiss: 12 * NoiseStd).Score);
    }

    [Fact]
    public void A_level_beyond_the_range_flags_once_however_long_it_lasts_and_again_only_deeper()
    {
        // Depth 1 (a whole range beyond the last days) scores ~0.77: far above the threshold, for 200 points.
        var scorer = WarmedUp(new Random(12));
        var random = new Random(13);
        var flags = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            if (scorer.Score(NoiseStd * Gaussian(random), levelDepth: i < 100 ? 1 : 2).IsAnomaly)
            {
                flags.Add(i);
            }

            if (i == 150)
            {
                // Mid-excursion, a restored scorer goes on as the original.
                var copy = new ResidualScorer(Options());
                copy.Restore(scorer.Capture());
                Assert.Equal(scorer.Capture().LevelHeld, copy.Capture().LevelHeld);
                Assert.Equal(scorer.Score(0, levelDepth: 2), copy.Score(0, levelDepth: 2));
            }
        }

        // Once at its start, once more when it goes deeper; then, back within range and out again, a new excursion.
        Assert.Equal([0, 100], flags);
        scorer.Score(0, levelDepth: 0);
        Assert.True(scorer.Score(0, levelDepth: 1).IsAnomaly);
    }

    [Fact]
    public void Sustained_level_jump_flags_once_at_its_start_then_cooldown_suppresses()
    {
        var options = Options();
        var random = new Random(9);
        var scorer = WarmedUp(random);
        var results = new List<AnomalyScore>();
        for (int i = 0; i <= options.CooldownPoints + 1; i++)
        {
            results.Add(scorer.Score(0.5 + (NoiseStd * Gaussian(random))));
        }

        Assert.True(results[0].IsAnomaly);
        Assert.Equal(AnomalySeverity.High, results[0].Severity);
        Assert.All(results.Skip(1).Take(options.CooldownPoints), r =>
        {
            Assert.False(r.IsAnomaly);
            Assert.Equal(0, r.Score); // one incident, one alarm: the echo reads 0
            Assert.True(r.ZScore > 6); // while z still says how far out it is
            Assert.Equal(AnomalySeverity.None, r.Severity);
        });

        // Past the cooldown a still-anomalous series flags again.
        Assert.True(results[options.CooldownPoints + 1].IsAnomaly);
    }

    [Fact]
    public void Warm_up_never_flags()
    {
        var options = new ScoringOptions { WarmupPoints = 300 };
        var scorer = new ResidualScorer(options);
        var random = new Random(3);
        for (int i = 0; i < options.WarmupPoints; i++)
        {
            Assert.True(scorer.IsWarmingUp);
            double residual = i % 50 == 49 ? 100 : NoiseStd * Gaussian(random);
            Assert.False(scorer.Score(residual).IsAnomaly);
        }

        Assert.False(scorer.IsWarmingUp);
        Assert.Equal(options.WarmupPoints, scorer.PointsScored);
        Assert.False(scorer.Score(100).IsAnomaly); // the last warm-up spike's cooldown still runs
        for (int i = 1; i < options.CooldownPoints; i++)
        {
            scorer.Score(NoiseStd * Gaussian(random));
        }

        Assert.True(scorer.Score(100).IsAnomaly);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.MaxValue)]
    public void Non_finite_or_huge_residuals_yield_finite_scores(double residual)
    {
        var random = new Random(5);
        var scorer = WarmedUp(random, 500);
        AnomalyScore first = new ResidualScorer(new ScoringOptions()).Score(residual);
        AnomalyScore s = scorer.Score(residual);
        foreach (AnomalyScore r in new[] { first, s, scorer.Score(residual), scorer.Score(0) })
        {
            Assert.True(double.IsFinite(r.Score) && r.Score is >= 0 and <= 1, $"score {r.Score}");
            Assert.True(double.IsFinite(r.ZScore), $"z {r.ZScore}");
        }

        Assert.True(s.IsAnomaly);
        Assert.Equal(AnomalySeverity.High, s.Severity);
    }

    [Fact]
    public void Severity_follows_z_bands()
    {
        // Zero-variance history: σ is floored at MinStd, so z is exactly (m − μ) / MinStd.
        var options = new ScoringOptions { WarmupPoints = 10, ShortWindow = 1, CooldownPoints = 0, MinStd = 0.01, Threshold = 0.3 };
        (double residual, AnomalySeverity severity)[] cases = [(0.05, AnomalySeverity.Low), (0.07, AnomalySeverity.Medium), (0.2, AnomalySeverity.High)];
        foreach (var (residual, severity) in cases)
        {
            var scorer = new ResidualScorer(options);
            for (int i = 0; i < 20; i++)
            {
                scorer.Score(0);
            }

            AnomalyScore s = scorer.Score(residual);
            Assert.Equal(residual / 0.01, s.ZScore, 1e-9);
            Assert.True(s.IsAnomaly);
            Assert.Equal(severity, s.Severity);
        }
    }

    [Fact]
    public void Novelty_raises_the_score_but_never_lowers_it()
    {
        var options = Options();
        var random = new Random(11);
        var scorer = WarmedUp(random);
        AnomalyScore foreseen = scorer.Score(0, novelty: new Novelty(OutOfRange: true, Context: 0));
        AnomalyScore novel = scorer.Score(0, novelty: new Novelty(false, 0.66));
        AnomalyScore echo = scorer.Score(0, novelty: new Novelty(true, 0.99));
        for (int i = 1; i < options.CooldownPoints; i++)
        {
            scorer.Score(NoiseStd * Gaussian(random));
        }

        AnomalyScore spike = scorer.Score(20 * NoiseStd, novelty: new Novelty(false, 0.1));
        AnomalyScore unforeseen = WarmedUp(new Random(13)).Score(4 * NoiseStd, novelty: new Novelty(true, 0));
        Assert.True(foreseen.Score < 0.1); // out of range, but the model expected it (z < 3)
        Assert.False(foreseen.IsAnomaly);
        Assert.Equal(0.66, novel.Score, 9);
        Assert.True(novel.IsAnomaly);
        Assert.Equal(0, echo.Score); // within the cooldown of the previous flag
        Assert.False(echo.IsAnomaly);
        Assert.True(spike.IsAnomaly);
        Assert.Equal(Surprise.Score(spike.ZScore), spike.Score, 12);
        Assert.True(unforeseen.ZScore is > 3 and < 6);
        Assert.Equal(1, unforeseen.Score); // out of range and not what the model expected
        Assert.True(unforeseen.IsAnomaly);
    }

    [Fact]
    public void Residuals_in_raw_units_give_the_same_scores_as_the_same_residuals_scaled()
    {
        const double Span = 250_000; // e.g. bytes: far beyond the old clamp of a million scaled units once squared
        var scaled = new ResidualScorer(Options());
        var raw = new ResidualScorer(Options());
        var random = new Random(12);
        for (int i = 0; i < 1000; i++)
        {
            double r = i == 900 ? 0.4 : NoiseStd * Gaussian(random);
            AnomalyScore a = scaled.Score(r);
            AnomalyScore b = raw.Score(r * Span, Span);
            Assert.Equal(a.Score, b.Score, 9);
            Assert.Equal(a.IsAnomaly, b.IsAnomaly);
            Assert.True(b.IsAnomaly == (i == 900), $"point {i}");
        }
    }

    [Fact]
    public void Scoring_does_not_allocate()
    {
        var scorer = new ResidualScorer(new ScoringOptions());
        for (int i = 0; i < 100; i++)
        {
            scorer.Score(i * 0.001);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            scorer.Score(i * 0.001);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
