using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Tests.Forecasting;
using Streaming.Model.Training;

namespace Streaming.Model.Tests.Training;

[Collection(TorchGeneratorCollection.Name)]
public sealed class OfflineTrainerTests
{
    [Fact]
    public void Windows_follow_create_dataset_pairs()
    {
        var pairs = new SupervisedWindows([0f, 1, 2, 3, 4], 3);
        Assert.Equal(2, pairs.Count);
        Assert.Equal([0f, 1, 2, 1, 2, 3], pairs.Windows);
        Assert.Equal([3f, 4], pairs.Targets);
    }

    [Fact]
    public void The_lessons_create_dataset_stops_one_pair_short()
    {
        var lesson = SupervisedWindows.CreateDataset([0f, 1, 2, 3, 4], 3);
        Assert.Equal(1, lesson.Count);
        Assert.Equal([0f, 1, 2], lesson.Windows);
        Assert.Equal([3f], lesson.Targets);
        Assert.Equal(989, SupervisedWindows.CreateDataset(SineExperiment.ScaledSeries(), 10).Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_reports_every_epoch()
    {
        var options = new ModelOptions { HiddenSize = 8, Layers = 2, Dropout = 0.3 };
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), options.WindowSize);
        var training = new OfflineTrainingOptions { Epochs = 2, BatchSize = 16 };
        var reports = new List<EpochReport>();

        using var a = new GruForecaster(options);
        var first = OfflineTrainer.Train(a, pairs, training, reports.Add);
        using var b = new GruForecaster(options);
        var second = OfflineTrainer.Train(b, pairs, training);

        Assert.Equal(first, second);
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
        Assert.Equal(first.Mse, reports[^1].TestMse);
        Assert.Equal(pairs.Count - 792, first.Count);
    }

    [Fact]
    public void Another_seed_gives_another_run()
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), 10);
        using var a = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 1 });
        using var b = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 2 });
        var training = new OfflineTrainingOptions { Epochs = 1, BatchSize = 32 };
        Assert.NotEqual(OfflineTrainer.Train(a, pairs, training with { Seed = 1 }), OfflineTrainer.Train(b, pairs, training with { Seed = 2 }));
    }
}
