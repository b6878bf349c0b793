using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public sealed class StretchSpreadTests
{
    // One stretch whose deviations have the root mean square `rms`.
    private static void Stretch(StretchSpread spread, double rms)
    {
        for (var i = 0; i < StretchSpread.StretchPoints; i++)
        {
            spread.Record(i % 2 == 0 ? rms : -rms);
        }
    }

    [Fact]
    public void There_is_no_spread_until_three_stretches_have_closed()
    {
        var spread = new StretchSpread();
        Stretch(spread, 1);
        Stretch(spread, 1);
        spread.Record(1);

        Assert.True(double.IsNaN(spread.Std));
        Stretch(spread, 1);
        Assert.Equal(1, spread.Std, 6);
    }

    [Fact]
    public void The_spread_is_the_median_stretch_so_one_incident_does_not_widen_it()
    {
        var spread = new StretchSpread();
        foreach (var rms in new[] { 1.0, 2.0, 40.0 })
        {
            Stretch(spread, rms);
        }

        Assert.Equal(2, spread.Std, 6);
        Stretch(spread, 3);
        Assert.Equal(3, spread.Std, 6); // of four, the upper median: the spread errs wide
    }

    [Fact]
    public void A_stretch_older_than_the_last_sixteen_is_forgotten()
    {
        var spread = new StretchSpread();
        for (var i = 0; i < StretchSpread.Stretches; i++)
        {
            Stretch(spread, 5);
        }

        for (var i = 0; i < (StretchSpread.Stretches / 2) + 1; i++)
        {
            Stretch(spread, 1);
        }

        Assert.Equal(1, spread.Std, 6);
    }

    [Fact]
    public void A_quantised_series_that_mostly_reads_one_value_keeps_a_spread()
    {
        // A median of the deviations themselves would be 0 here: 98 points in 100 do not move.
        var spread = new StretchSpread();
        for (var i = 0; i < 4 * StretchSpread.StretchPoints; i++)
        {
            spread.Record(i % 50 == 0 ? 5 : 0);
        }

        Assert.Equal(Math.Sqrt(25.0 * 5 / StretchSpread.StretchPoints), spread.Std, 6);
    }

    [Fact]
    public void Non_finite_deviations_count_as_points_that_did_not_move()
    {
        var spread = new StretchSpread();
        for (var i = 0; i < 3 * StretchSpread.StretchPoints; i++)
        {
            spread.Record(i % 2 == 0 ? double.NaN : 2);
        }

        Assert.Equal(Math.Sqrt(2), spread.Std, 6);
    }

    [Fact]
    public void A_restored_spread_goes_on_as_the_original()
    {
        var original = new StretchSpread();
        var random = new Random(4);
        for (var i = 0; i < 1900; i++)
        {
            original.Record(random.NextDouble());
        }

        var restored = new StretchSpread();
        restored.Restore(original.Capture());
        Assert.Equal(original.Std, restored.Std);
        for (var i = 0; i < 800; i++)
        {
            var deviation = 3 * random.NextDouble();
            original.Record(deviation);
            restored.Record(deviation);
        }

        Assert.Equal(original.Std, restored.Std);
        Assert.Equivalent(original.Capture(), restored.Capture(), strict: true);
    }

    [Theory]
    [InlineData(15, 0, 0, 0, 0.0, 0f)]
    [InlineData(16, 16, 16, 0, 0.0, 0f)]
    [InlineData(16, 2, 3, 0, 0.0, 0f)]
    [InlineData(16, 0, 0, 250, 0.0, 0f)]
    [InlineData(16, 0, 0, 0, double.NaN, 0f)]
    [InlineData(16, 1, 1, 0, 0.0, -1f)]
    public void A_state_no_spread_could_have_is_refused(int stretches, int next, int closed, int points, double squares, float first)
    {
        var meanSquares = new float[stretches];
        meanSquares[0] = first;
        var state = new StretchSpreadState(meanSquares, next, closed, points, squares);

        Assert.False(StretchSpread.IsValid(state));
        Assert.Throws<ArgumentException>(() => new StretchSpread().Restore(state));
    }
}
