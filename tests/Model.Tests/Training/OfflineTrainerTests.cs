using Streaming.Model.Checkpoints;
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
    public void A_run_tells_each_epochs_order_and_every_steps_loss()
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), 10);
        var orders = new List<int[]>();
        var losses = new List<double>();
        var reports = new List<EpochReport>();
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 8 });
        var training = new OfflineTrainingOptions { Epochs = 2, BatchSize = 16, EpochOrder = (_, order) => orders.Add([.. order]), StepLoss = losses.Add };

        OfflineTrainer.Train(forecaster, pairs, training, reports.Add);

        Assert.Equal(2, orders.Count);
        Assert.All(orders, order => Assert.Equal(Enumerable.Range(0, 792), order.Order()));
        Assert.NotEqual(orders[0], orders[1]);
        Assert.Equal(100, losses.Count);
        Assert.Equal(reports[0].TrainLoss, losses.Take(50).Average(), 12);
    }

    [Fact]
    public void The_weights_are_given_by_their_state_dict_names_and_follow_the_seed()
    {
        using var a = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 1 });
        using var same = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 1 });
        using var other = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 2 });

        var weights = ForecasterCheckpoint.Weights(a);

        Assert.Equal(weights.Select(w => w.Name).Order(StringComparer.Ordinal), weights.Select(w => w.Name));
        Assert.Equal(24 * 8, weights.Single(w => w.Name == "gru.weight_hh_l0").Values.Length);
        Assert.Equal(a.Parameters.Sum(p => p.numel()), weights.Sum(w => (long)w.Values.Length));
        Assert.Equal(weights.SelectMany(w => w.Values), ForecasterCheckpoint.Weights(same).SelectMany(w => w.Values));
        Assert.NotEqual(weights.SelectMany(w => w.Values), ForecasterCheckpoint.Weights(other).SelectMany(w => w.Values));
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
