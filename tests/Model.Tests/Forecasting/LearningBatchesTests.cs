using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Training;

namespace Streaming.Model.Tests.Forecasting;

public sealed class LearningBatchesTests
{
    // Three steps for nine new pairs (9 × 2 samples / 8 per step), three new pairs each, topped up to 3 × 2 samples.
    private static readonly ModelOptions Options = new() { WindowSize = 2, TrainBatchSize = 4, MaxTrainBatchSize = 8, TrainSamplesPerPoint = 2 };

    // Ten new pairs, target i and window [i, i]; pair 3's window holds a NaN.
    private static (float[] Windows, float[] Targets) TenPairs()
    {
        var windows = Enumerable.Range(0, 10).SelectMany(i => new float[] { i, i }).ToArray();
        windows[7] = float.NaN;
        return (windows, [.. Enumerable.Range(0, 10).Select(i => (float)i)]);
    }

    [Fact]
    public void Each_step_takes_its_share_of_the_new_pairs_in_order_topped_up_from_replay()
    {
        var replay = new ReplayBuffer(100, Options.WindowSize);
        for (var i = 0; i < 20; i++)
        {
            replay.Add([-1, -1], -1);
        }

        var batches = new LearningBatches(Options, replay, new SplitMix64(1));
        var (windows, targets) = TenPairs();

        Assert.Equal(9, batches.Collect(windows, targets, 10, out var rejected));
        Assert.Equal(1, rejected);
        Assert.Equal(29, replay.Count);
        Assert.Equal(3, batches.Plan());
        float[][] fresh = [[0, 1, 2], [4, 5, 6], [7, 8, 9]];
        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(6, batches.Fill(step));
            Assert.Equal(fresh[step], batches.Targets[..3].ToArray());
            // The top-ups are stored pairs: an older one or a new one, never the rejected pair 3.
            Assert.All(batches.Targets[3..6].ToArray(), t => Assert.True(t is -1 or (>= 0 and <= 9 and not 3), $"target {t}"));
            for (var row = 0; row < 6; row++)
            {
                Assert.Equal(batches.Targets[row], batches.Windows[2 * row]);
            }
        }
    }

    [Fact]
    public void Without_older_pairs_a_step_trains_on_its_new_ones_only()
    {
        var batches = new LearningBatches(Options, new ReplayBuffer(100, Options.WindowSize), new SplitMix64(1));
        var (windows, targets) = TenPairs();

        batches.Collect(windows, targets, 10, out _);
        var steps = batches.Plan();

        Assert.Equal([3, 3, 3], Enumerable.Range(0, steps).Select(batches.Fill));
    }
}
