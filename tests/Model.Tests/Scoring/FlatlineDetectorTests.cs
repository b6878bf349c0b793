using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class FlatlineDetectorTests
{
    [Fact]
    public void A_varying_series_that_gets_stuck_fires_once_when_the_run_is_complete()
    {
        var detector = new FlatlineDetector(5);
        double[] values = [1, 2, 3, 7, 7, 7, 7, 7, 7, 7, 7];
        bool[] fired = [.. values.Select(detector.Observe)];
        Assert.Equal([false, false, false, false, false, false, false, true, false, false, false], fired);
    }

    [Fact]
    public void Runs_no_longer_than_the_series_had_before_do_not_fire()
    {
        var detector = new FlatlineDetector(3);
        // A counter that sits at zero for 6 points between bursts: its runs of zeros are its normal shape.
        double[] values = [5, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0];
        bool[] fired = [.. values.Select(detector.Observe)];
        // The first run fires at its 3rd zero; the second (6 zeros, like the first) does not; the third fires at its 7th.
        Assert.Equal([3, 21], Enumerable.Range(0, values.Length).Where(i => fired[i]));
        Assert.False(detector.Observe(0));
    }

    [Fact]
    public void A_series_that_never_varied_is_not_stuck()
    {
        var detector = new FlatlineDetector(3);
        Assert.DoesNotContain(true, Enumerable.Repeat(4.2, 50).Select(detector.Observe));
    }

    [Fact]
    public void A_new_run_after_movement_fires_again_and_zero_turns_it_off()
    {
        var detector = new FlatlineDetector(2);
        Assert.Equal([false, false, true, false, false, false, false, true], new double[] { 1, 2, 2, 2, 3, 3, 3, 3 }.Select(detector.Observe));
        var off = new FlatlineDetector(0);
        Assert.DoesNotContain(true, new double[] { 1, 2, 2, 2, 2 }.Select(off.Observe));
    }

    [Fact]
    public void A_stuck_point_scores_one_and_flags_after_warm_up()
    {
        var scorer = new ResidualScorer(new ScoringOptions { WarmupPoints = 5 });
        for (var i = 0; i < 20; i++)
        {
            scorer.Score(0.01 * Math.Sin(i));
        }

        var stuck = scorer.Score(0, stuck: true);
        Assert.Equal(1.0, stuck.Score);
        Assert.True(stuck.IsAnomaly);
    }
}
