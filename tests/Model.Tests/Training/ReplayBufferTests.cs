using Streaming.Model.Training;

namespace Streaming.Model.Tests.Training;

public sealed class ReplayBufferTests
{
    [Fact]
    public void Ring_overwrites_oldest_and_samples_only_stored_pairs()
    {
        var buffer = new ReplayBuffer(capacity: 3, windowSize: 2);
        for (int i = 0; i < 5; i++)
        {
            buffer.Add(new float[] { i, i }, i * 10);
        }

        Assert.Equal(3, buffer.Count);
        var windows = new float[200];
        var targets = new float[100];
        buffer.Sample(new Random(1), windows, targets);

        Assert.All(targets, t => Assert.Contains(t, new float[] { 20, 30, 40 }));
        for (int i = 0; i < targets.Length; i++)
        {
            Assert.Equal(targets[i] / 10, windows[2 * i]);
        }
    }

    [Fact]
    public void Zero_capacity_stores_nothing()
    {
        var buffer = new ReplayBuffer(capacity: 0, windowSize: 2);
        buffer.Add(new float[] { 1, 2 }, 3);
        Assert.Equal(0, buffer.Count);
    }
}
