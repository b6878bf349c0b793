using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class NoveltyDetectorTests
{
    private static NoveltyDetector Default() => new(rangeTolerance: 0.05, contextLevels: 6, contextLength: 3);

    private static double Wave(int i) => 50 + (10 * Math.Sin(2 * Math.PI * i / 48));

    [Fact]
    public void A_repeating_pattern_stops_being_new_after_its_first_periods()
    {
        var detector = Default();
        var early = Enumerable.Range(0, 48).Select(i => detector.Observe(Wave(i)).Context).ToList();
        for (int i = 48; i < 480; i++)
        {
            detector.Observe(Wave(i));
        }

        Assert.Contains(early, s => s > 0.5);
        Assert.All(Enumerable.Range(480, 480), i => Assert.Equal(default, detector.Observe(Wave(i))));
    }

    [Fact]
    public void A_value_beyond_the_range_by_more_than_the_tolerance_scores_one()
    {
        var detector = Default();
        for (int i = 0; i < 480; i++)
        {
            detector.Observe(Wave(i));
        }

        // The range is [40, 60]: 5% of it is 1.
        Assert.True(detector.Observe(61.5).OutOfRange);
        Assert.False(detector.Observe(62.0).OutOfRange); // the range now reaches 61.5, so 62 is within tolerance
        Assert.True(detector.Observe(35).OutOfRange);
    }

    [Fact]
    public void A_shape_never_seen_is_a_new_context_even_within_the_range()
    {
        var detector = Default();
        for (int i = 0; i < 480; i++)
        {
            detector.Observe(Wave(i));
        }

        // The series jumps between the wave's bottom and top: every value was seen before, the jumps were not.
        var found = Enumerable.Range(0, 12).Select(i => detector.Observe(i % 2 == 0 ? 41 : 59)).ToList();
        Assert.Contains(found, n => n.Context >= 0.66 * NoveltyDetector.ContextWeight);
        Assert.All(found, n => Assert.False(n.OutOfRange));
    }

    [Fact]
    public void Context_off_leaves_only_the_range_signal_and_non_finite_values_score_zero()
    {
        var detector = new NoveltyDetector(0.05, 6, 0);
        Assert.Equal(default, detector.Observe(40));
        Assert.Equal(default, detector.Observe(67)); // the first range: nothing to be out of yet
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(default, detector.Observe(Wave(i) + (i % 7))));
        Assert.Equal(default, detector.Observe(double.NaN));
        Assert.Equal(default, detector.Observe(double.PositiveInfinity));
        Assert.Equal(new Novelty(true, 0), detector.Observe(1000));
    }

    [Fact]
    public void Constructor_rejects_nonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoveltyDetector(-1, 6, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoveltyDetector(0.05, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoveltyDetector(0.05, 6, -1));
    }
}
