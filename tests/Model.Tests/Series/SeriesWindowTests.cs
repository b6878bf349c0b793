using Streaming.Model.Scaling;
using Streaming.Model.Series;

namespace Streaming.Model.Tests.Series;

public class SeriesWindowTests
{
    [Fact]
    public void Append_observes_then_windows()
    {
        var sw = new SeriesWindow(3, new MinMaxScaler());
        sw.Append(5);
        sw.Append(7);
        Assert.False(sw.IsFull);
        Assert.Equal(2, sw.PointsSeen);
        Assert.Equal(2, sw.Scaler.Count);
        Assert.Equal(2, sw.Window.Count);
    }

    [Fact]
    public void WriteScaled_uses_current_scaler_state_oldest_first()
    {
        var sw = new SeriesWindow(3, new MinMaxScaler());
        foreach (double v in new[] { 100.0, 0, 50, 25 })
        {
            sw.Append(v);
        }

        Assert.True(sw.IsFull);
        Assert.Equal(4, sw.PointsSeen);
        var scaled = new float[3];
        sw.WriteScaled(scaled);

        // Range 0..100 includes the evicted 100: the scaler remembers every value ever seen.
        Assert.Equal([0f, 0.5f, 0.25f], scaled);
    }

    [Fact]
    public void WriteScaled_after_many_wraps()
    {
        var sw = new SeriesWindow(4, new MinMaxScaler());
        for (int i = 0; i <= 10; i++)
        {
            sw.Append(i);
        }

        var scaled = new float[4];
        sw.WriteScaled(scaled);
        Assert.Equal([0.7f, 0.8f, 0.9f, 1.0f], scaled);
    }

    [Fact]
    public void WriteScaled_preconditions()
    {
        var sw = new SeriesWindow(2, new MinMaxScaler());
        sw.Append(1);
        Assert.Throws<InvalidOperationException>(() => sw.WriteScaled(new float[2]));
        sw.Append(2);
        Assert.Throws<ArgumentException>(() => sw.WriteScaled(new float[3]));
        Assert.Throws<ArgumentNullException>(() => new SeriesWindow(2, null!));
    }
}
