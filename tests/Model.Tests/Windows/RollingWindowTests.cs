using Streaming.Model.Windows;

namespace Streaming.Model.Tests.Windows;

public class RollingWindowTests
{
    [Fact]
    public void Fills_in_order_before_wrapping()
    {
        var w = new RollingWindow(3);
        Assert.Equal(0, w.Count);
        Assert.False(w.IsFull);
        w.Add(1);
        w.Add(2);
        Assert.Equal(2, w.Count);
        Assert.Equal(1, w[0]);
        Assert.Equal(2, w[1]);
        w.Add(3);
        Assert.True(w.IsFull);
        Assert.Equal(3, w.Capacity);
    }

    [Fact]
    public void Reads_oldest_first_after_wrapping()
    {
        var w = new RollingWindow(4);
        for (int i = 1; i <= 10; i++)
        {
            w.Add(i);
        }

        Assert.Equal(4, w.Count);
        Assert.Equal([7.0, 8, 9, 10], Enumerable.Range(0, 4).Select(i => w[i]));
        var copy = new double[5];
        w.CopyTo(copy);
        Assert.Equal([7.0, 8, 9, 10, 0], copy);
    }

    [Fact]
    public void Every_rotation_copies_in_order()
    {
        var w = new RollingWindow(5);
        var expected = new Queue<double>();
        for (int i = 0; i < 23; i++)
        {
            w.Add(i);
            expected.Enqueue(i);
            if (expected.Count > 5)
            {
                expected.Dequeue();
            }

            var copy = new double[w.Count];
            w.CopyTo(copy);
            Assert.Equal(expected, copy);
        }
    }

    [Fact]
    public void Capacity_one_keeps_the_newest()
    {
        var w = new RollingWindow(1);
        w.Add(1);
        w.Add(2);
        Assert.Equal(2, w[0]);
        Assert.Equal(1, w.Count);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingWindow(0));
        var w = new RollingWindow(3);
        w.Add(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => w[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => w[-1]);
        w.Add(2);
        Assert.Throws<ArgumentException>(() => w.CopyTo(new double[1]));
    }
}
