using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Tests.Forecasting;
using Streaming.Model.Training;
using static TorchSharp.torch;

namespace Streaming.Model.Tests.Training;

/// <summary>The end-of-run options of offline training: learning-rate decay and weight averaging.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class OfflineScheduleTests
{
    private static readonly ModelOptions Small = new() { HiddenSize = 8, Layers = 2, Dropout = 0.2, LearningRate = 0.002 };

    [Fact]
    public void Learning_rate_is_constant_then_falls_along_a_half_cosine_to_its_final_fraction()
    {
        var options = new OfflineTrainingOptions { Epochs = 10, DecayEpochs = 4, DecayTo = 0.1 };
        double[] factors = [.. Enumerable.Range(1, 10).Select(options.LearningRateFactor)];

        Assert.All(factors[..6], f => Assert.Equal(1, f));
        Assert.Equal(0.1 + (0.9 * (1 + Math.Cos(Math.PI / 4)) / 2), factors[6], 12);
        Assert.Equal(0.55, factors[7], 12);
        Assert.Equal(0.1, factors[9], 12);
        Assert.True(factors[6] > factors[7] && factors[7] > factors[8] && factors[8] > factors[9]);
        Assert.All(Enumerable.Range(1, 10), e => Assert.Equal(1, new OfflineTrainingOptions { Epochs = 10 }.LearningRateFactor(e)));
    }

    [Fact]
    public void Each_epoch_trains_at_its_scheduled_rate_and_the_model_keeps_its_configured_rate()
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), Small.WindowSize);
        var training = new OfflineTrainingOptions { Epochs = 3, BatchSize = 64, DecayEpochs = 2, DecayTo = 0.25 };
        var reports = new List<EpochReport>();
        using var forecaster = new GruForecaster(Small);

        OfflineTrainer.Train(forecaster, pairs, training, reports.Add);

        Assert.Equal([0.002, 0.002 * 0.625, 0.002 * 0.25], reports.Select(r => r.LearningRate), new ToleranceComparer(1e-12));
        Assert.All(forecaster.Optimizer.ParamGroups, g => Assert.Equal(0.002, g.LearningRate));
    }

    [Fact]
    public void Averaged_weights_are_the_mean_of_the_last_epochs_weights_and_are_what_is_tested()
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), Small.WindowSize);
        var training = new OfflineTrainingOptions { Epochs = 3, BatchSize = 64, AverageEpochs = 2 };
        var snapshots = new List<float[][]>();
        using var forecaster = new GruForecaster(Small);

        var result = OfflineTrainer.Train(forecaster, pairs, training, _ => snapshots.Add(Weights(forecaster)));

        float[][] averaged = Weights(forecaster);
        for (int p = 0; p < averaged.Length; p++)
        {
            for (int i = 0; i < averaged[p].Length; i++)
            {
                Assert.Equal((snapshots[1][p][i] + snapshots[2][p][i]) / 2, averaged[p][i], 1e-6);
            }
        }

        Assert.NotEqual(snapshots[2][0], averaged[0]);
        Assert.Equal(ForecastErrors.Measure(forecaster, pairs, 792, pairs.Count - 792), result);
    }

    [Theory]
    [InlineData(-1, 0.01, 0)]
    [InlineData(5, 0, 0)]
    [InlineData(5, 1.5, 0)]
    [InlineData(0, 0.01, -2)]
    public void Bad_schedule_settings_are_refused(int decayEpochs, double decayTo, int averageEpochs)
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), 10);
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 4 });
        var training = new OfflineTrainingOptions { Epochs = 1, DecayEpochs = decayEpochs, DecayTo = decayTo, AverageEpochs = averageEpochs };
        Assert.Throws<ArgumentException>(() => OfflineTrainer.Train(forecaster, pairs, training));
    }

    private static float[][] Weights(GruForecaster forecaster)
    {
        using var scope = NewDisposeScope();
        return [.. forecaster.Parameters.Select(p => p.detach().cpu().data<float>().ToArray())];
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
