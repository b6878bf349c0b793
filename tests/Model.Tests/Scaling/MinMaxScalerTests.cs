using Streaming.Model.Scaling;

namespace Streaming.Model.Tests.Scaling;

public class MinMaxScalerTests
{
    [Fact]
    public void Maps_range_to_unit_interval()
    {
        var s = new MinMaxScaler();
        foreach (double v in new[] { 10.0, 30, 20 })
        {
            s.Observe(v);
        }

        Assert.Equal(3, s.Count);
        Assert.Equal(20, s.Span);
        Assert.Equal(0f, s.Scale(10));
        Assert.Equal(1f, s.Scale(30));
        Assert.Equal(0.5f, s.Scale(20));
    }

    [Fact]
    public void Scale_unscale_round_trip_within_float_precision()
    {
        var s = new MinMaxScaler();
        var random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            s.Observe(1000 + (random.NextDouble() * 50));
        }

        for (int i = 0; i < 1000; i++)
        {
            double raw = 990 + (random.NextDouble() * 70);
            // float keeps ~7 significant digits of the scaled value, i.e. about span * 1e-7 raw units.
            Assert.Equal(raw, s.Unscale(s.Scale(raw)), s.Span * 1e-6);
        }
    }

    [Fact]
    public void Values_outside_seen_range_are_not_clamped()
    {
        var s = new MinMaxScaler();
        s.Observe(0);
        s.Observe(10);
        Assert.Equal(-0.5f, s.Scale(-5));
        Assert.Equal(2f, s.Scale(20));
        Assert.Equal(-5, s.Unscale(-0.5f), 1e-9);
    }

    [Fact]
    public void Constant_series_maps_to_one_half_with_unit_span()
    {
        var s = new MinMaxScaler();
        for (int i = 0; i < 5; i++)
        {
            s.Observe(42);
        }

        Assert.Equal(1.0, s.Span);
        Assert.Equal(0.5f, s.Scale(42));
        Assert.Equal(1.5f, s.Scale(43));
        Assert.Equal(42, s.Unscale(0.5f));
    }

    [Fact]
    public void Unfitted_scaler_maps_zero_to_one_half()
    {
        var s = new MinMaxScaler();
        Assert.Equal(0, s.Count);
        Assert.Equal(1.0, s.Span);
        Assert.Equal(0.5f, s.Scale(0));
        Assert.Equal(0, s.Unscale(0.5f));
    }

    [Fact]
    public void Non_finite_values_are_ignored()
    {
        var s = new MinMaxScaler();
        s.Observe(1);
        s.Observe(double.NaN);
        s.Observe(double.PositiveInfinity);
        s.Observe(3);
        Assert.Equal(2, s.Count);
        Assert.Equal(2, s.Span);
    }

    [Fact]
    public void Factory_creates_fresh_scalers()
    {
        IOnlineScaler a = ScalerFactory.Create(ScalerKind.MinMax);
        IOnlineScaler b = ScalerFactory.Create(ScalerKind.MinMax);
        Assert.IsType<MinMaxScaler>(a);
        Assert.NotSame(a, b);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScalerFactory.Create((ScalerKind)99));
    }
}
