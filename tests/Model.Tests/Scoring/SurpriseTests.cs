using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public sealed class SurpriseTests
{
    [Fact]
    public void The_score_rises_with_z_stays_below_one_and_matches_its_definition()
    {
        double[] zs = [0, 1, 3, 5, 8, 12, 20, 40, 1e6];
        var scores = zs.Select(z => Surprise.Score(z)).ToArray();
        Assert.Equal(0, scores[0], 9);
        Assert.All(scores.Zip(scores.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.True(scores[5] > scores[4] && scores[6] > scores[5], "large z must still be ranked");
        Assert.All(scores, s => Assert.InRange(s, 0, Surprise.Ceiling));
        // z = 5: two-sided p = 5.73e-7, surprise 6.24.
        Assert.Equal(0.999 * 6.242 / 16.242, scores[3], 3);
    }

    [Fact]
    public void A_smaller_half_scores_the_same_z_higher()
    {
        Assert.True(Surprise.Score(4, half: 5) > Surprise.Score(4));
        // z = 5 at half 5: surprise 6.24 scores 0.999 × 6.242 / 11.242.
        Assert.Equal(0.999 * 6.242 / 11.242, Surprise.Score(5, half: 5), 3);
    }

    [Fact]
    public void The_z_at_a_score_inverts_the_score()
    {
        double z = Surprise.ZAt(0.62);
        Assert.Equal(0.62, Surprise.Score(z), 6);
        Assert.Equal(double.PositiveInfinity, Surprise.ZAt(1.0));
    }
}
