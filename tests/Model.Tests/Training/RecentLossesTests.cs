using Streaming.Model.Training;

namespace Streaming.Model.Tests.Training;

public sealed class RecentLossesTests
{
    [Fact]
    public void Median_of_the_held_losses_forgets_the_oldest_and_ignores_non_finite_ones()
    {
        var recent = new RecentLosses(3);
        Assert.True(float.IsNaN(recent.Median()));

        recent.Add(5f);
        recent.Add(float.NaN);
        recent.Add(1f);
        Assert.Equal(2, recent.Count);
        Assert.Equal(5f, recent.Median()); // the upper of two

        recent.Add(3f);
        recent.Add(100f); // 5 drops out: {1, 3, 100}
        Assert.Equal(3, recent.Count);
        Assert.Equal(3f, recent.Median());
        recent.Add(float.PositiveInfinity);
        Assert.Equal(3f, recent.Median());
    }
}
