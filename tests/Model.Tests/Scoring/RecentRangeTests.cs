using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class RecentRangeTests
{
    [Fact]
    public void It_is_about_the_plain_range_while_values_keep_reaching_both_ends()
    {
        var range = new RecentRange(1000);
        for (var i = 0; i < 5000; i++)
        {
            range.Observe(Math.Sin(i / 5.0) * 3);
        }

        Assert.InRange(range.Span, 5.5, 6.0);
    }

    [Fact]
    public void An_old_spike_fades_over_about_the_horizon()
    {
        var range = new RecentRange(100);
        range.Observe(0);
        range.Observe(100);
        for (var i = 0; i < 1000; i++)
        {
            range.Observe(i % 2);
        }

        Assert.InRange(range.Span, 0.9, 2);
    }

    [Fact]
    public void A_trend_keeps_the_range_of_its_recent_stretch_not_of_its_whole_past()
    {
        var range = new RecentRange(200);
        for (var i = 0; i < 10_000; i++)
        {
            range.Observe(i * 0.01);
        }

        // The whole past spans 100; the recent stretch about horizon × slope.
        Assert.InRange(range.Span, 1, 5);
    }

    [Fact]
    public void Non_finite_values_are_ignored()
    {
        var range = new RecentRange(10);
        range.Observe(1);
        range.Observe(double.NaN);
        range.Observe(double.PositiveInfinity);
        range.Observe(3);
        Assert.Equal(2, range.Span);
    }
}
