using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class StandardNormalTests
{
    // Reference values from high-precision tables (also Python's math.erfc).
    [Theory]
    [InlineData(0.0, 0.5, 0.5)]
    [InlineData(1.0, 0.8413447460685429, 0.15865525393145707)]
    [InlineData(3.0, 0.9986501019683699, 0.0013498980316300957)]
    [InlineData(5.0, 0.9999997133484281, 2.866515718791946e-07)]
    [InlineData(8.0, 0.9999999999999993, 6.220960574271819e-16)]
    public void Cdf_and_upper_tail_match_known_values(double z, double cdf, double upper)
    {
        Assert.Equal(cdf, StandardNormal.Cdf(z), 1e-7);
        // The tail keeps its relative accuracy where 1 - Cdf would be all rounding error.
        Assert.True(Math.Abs(StandardNormal.UpperTail(z) - upper) <= upper * 2e-7, $"upper tail at {z}");
        Assert.True(Math.Abs(StandardNormal.Cdf(-z) - upper) <= upper * 2e-7, $"lower tail at {-z}");
    }

    [Fact]
    public void Cdf_is_monotone_and_bounded()
    {
        double previous = 0;
        for (double z = -40; z <= 40; z += 0.01)
        {
            double p = StandardNormal.Cdf(z);
            Assert.InRange(p, 0, 1);
            Assert.True(p >= previous, $"not monotone at {z}");
            previous = p;
        }
    }
}
