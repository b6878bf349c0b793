using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class ScoreLikelihoodTests
{
    private const double NoiseStd = 0.02; // scaled units

    // A miss of 5σ scores ~0.38 on its own (less as the residuals' σ takes the run in), well below the 0.62 threshold.
    private const double ModerateMiss = 5 * NoiseStd;

    // One residual per short mean and the floor out of the way, so z = r / σ.
    private static ScoringOptions Options(bool likelihood = true) => new() { MinStd = 0.005, ShortWindow = 1, ScoreLikelihood = likelihood };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static ResidualScorer Warmed(bool likelihood = true, int points = 2000)
    {
        var random = new Random(11);
        var scorer = new ResidualScorer(Options(likelihood));
        for (var i = 0; i < points; i++)
        {
            scorer.Score(NoiseStd * Gaussian(random));
        }

        return scorer;
    }

    // The scores of `count` moderate misses in a row, alternating in sign as a model that keeps missing both ways would.
    private static List<AnomalyScore> Run(ResidualScorer scorer, int count) =>
        [.. Enumerable.Range(0, count).Select(i => scorer.Score(i % 2 == 0 ? ModerateMiss : -ModerateMiss))];

    [Fact]
    public void A_run_of_moderate_misses_flags_though_none_would_alone()
    {
        var alone = Run(Warmed(likelihood: false), 20);
        var judged = Run(Warmed(), 20);

        Assert.All(alone, s => Assert.InRange(s.Parts.Residual, 0.2, 0.45));
        Assert.DoesNotContain(alone, s => s.IsAnomaly);
        var flag = Assert.Single(judged, s => s.IsAnomaly);
        Assert.True(flag.Parts.Likelihood >= new ScoringOptions().Threshold);
        Assert.InRange(judged.IndexOf(flag), 1, ResidualScorer.LikelihoodWindow);
    }

    [Fact]
    public void One_moderate_miss_or_a_quiet_stretch_is_no_incident()
    {
        var one = Run(Warmed(), 1)[0];
        var quiet = Warmed();
        var calm = Enumerable.Range(0, 50).Select(_ => quiet.Score(0)).ToList();

        Assert.False(one.IsAnomaly);
        Assert.InRange(one.Parts.Likelihood, 0, 0.3);
        // A short mean at its usual level has a tail of 1/2; one below it, more: neither is news.
        var usual = Math.Log(0.5) / Math.Log(ResidualScorer.LikelihoodTailFloor);
        Assert.All(calm, s => Assert.InRange(s.Parts.Likelihood, 0, usual));
    }

    [Fact]
    public void The_likelihood_waits_for_half_the_long_window_of_scores()
    {
        var options = Options();
        var early = Run(Warmed(points: (options.LongWindow / 2) - 40), 30);
        var settled = Run(Warmed(points: options.LongWindow / 2), 30);

        Assert.All(early.Take(40), s => Assert.Equal(0, s.Parts.Likelihood));
        Assert.Contains(settled, s => s.IsAnomaly && s.Parts.Likelihood >= options.Threshold);
    }

    [Fact]
    public void The_aftermath_of_an_incident_is_not_a_new_one()
    {
        // A spike flags and starts the cooldown; the moderate misses after it are its aftermath: the likelihood is
        // silent until its window has left the cooldown behind, where the same run alone flags (the first test).
        var scorer = Warmed();
        Assert.True(scorer.Score(40 * NoiseStd).IsAnomaly);
        var after = Run(scorer, new ScoringOptions().CooldownPoints + ResidualScorer.LikelihoodWindow);

        Assert.All(after, s => Assert.Equal(0, s.Parts.Likelihood));
        Assert.DoesNotContain(after, s => s.IsAnomaly);
    }

    [Fact]
    public void Switched_off_it_is_always_zero()
    {
        Assert.All(Run(Warmed(likelihood: false), 30), s => Assert.Equal(0, s.Parts.Likelihood));
    }

    [Fact]
    public void A_restored_scorer_judges_the_run_as_the_original()
    {
        var original = Warmed();
        var state = original.Capture();
        Assert.Equal(2000, state.Scores!.Count);
        var copy = new ResidualScorer(Options());
        copy.Restore(state);

        Assert.Equal(Run(original, 30), Run(copy, 30));
    }

    [Fact]
    public void Scores_statistics_no_scorer_could_have_are_refused()
    {
        var state = Warmed().Capture();
        var broken = state with { Scores = state.Scores! with { Variance = -1 } };

        Assert.Throws<ArgumentException>(() => new ResidualScorer(Options()).Restore(broken));
    }
}
