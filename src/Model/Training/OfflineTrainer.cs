using System.Diagnostics;
using Streaming.Model.Forecasting;
using static TorchSharp.torch;

namespace Streaming.Model.Training;

/// <summary>
/// The lesson's offline experiment: the first <see cref="OfflineTrainingOptions.TrainFraction"/> of the pairs train
/// the model for a number of epochs (shuffled per epoch, mini-batches of BatchSize, one Adam step each), the rest
/// test it. Deterministic for a given seed: the shuffle uses its own generator and dropout the torch generator,
/// which is re-seeded at the start. Optionally the learning rate decays over the last epochs and the weights of the
/// last epochs are averaged (<see cref="OfflineTrainingOptions"/>); the final test uses the weights the model keeps.
/// The generator is process-wide, so a run holds the lock under which forecasters
/// draw their initial weights: no forecaster built meanwhile on another thread gets other weights because of it.
/// </summary>
public static class OfflineTrainer
{
    /// <summary>Trains <paramref name="forecaster"/> in place; reports each epoch; returns the final test errors.</summary>
    public static ForecastErrors Train(GruForecaster forecaster, SupervisedWindows pairs, OfflineTrainingOptions options, Action<EpochReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        int trainCount = (int)(pairs.Count * options.TrainFraction);
        int testCount = pairs.Count - trainCount;
        if (trainCount < 1 || options.Epochs < 0 || options.BatchSize < 1)
        {
            throw new ArgumentException($"Nothing to train: {trainCount} training pairs, {options.Epochs} epochs, batch size {options.BatchSize}.", nameof(options));
        }

        if (options.DecayEpochs < 0 || !(options.DecayTo is > 0 and <= 1) || options.AverageEpochs < 0)
        {
            throw new ArgumentException(
                $"DecayEpochs ({options.DecayEpochs}) and AverageEpochs ({options.AverageEpochs}) must be 0 or more and DecayTo ({options.DecayTo}) in (0, 1].",
                nameof(options));
        }

        lock (GruForecaster.SeedLock)
        {
            return Run(forecaster, pairs, options, progress, trainCount, testCount);
        }
    }

    private static ForecastErrors Run(GruForecaster forecaster, SupervisedWindows pairs, OfflineTrainingOptions options, Action<EpochReport>? progress, int trainCount, int testCount)
    {
        manual_seed(options.Seed);
        var shuffle = new SplitMix64((ulong)options.Seed);
        int[] order = Enumerable.Range(0, trainCount).ToArray();
        int w = pairs.WindowSize;
        var windows = new float[options.BatchSize * w];
        var targets = new float[options.BatchSize];
        var stopwatch = Stopwatch.StartNew();
        double learningRate = forecaster.Options.LearningRate;
        using var average = new WeightAverage(forecaster.Parameters);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            double epochRate = learningRate * options.LearningRateFactor(epoch);
            SetLearningRate(forecaster, epochRate);
            if (options.Shuffle)
            {
                shuffle.Shuffle(order);
            }

            options.EpochOrder?.Invoke(epoch, order.AsReadOnly());

            double lossSum = 0;
            int steps = 0;
            for (int start = 0; start < trainCount; start += options.BatchSize)
            {
                int size = Math.Min(options.BatchSize, trainCount - start);
                for (int k = 0; k < size; k++)
                {
                    pairs.WindowsOf(order[start + k], 1).CopyTo(windows.AsSpan(k * w, w));
                    targets[k] = pairs.Targets[order[start + k]];
                }

                double loss = forecaster.TrainStep(windows.AsSpan(0, size * w), targets.AsSpan(0, size));
                options.StepLoss?.Invoke(loss);
                lossSum += loss;
                steps++;
            }

            if (epoch > options.Epochs - options.AverageEpochs)
            {
                average.Add(forecaster.Parameters);
            }

            if (progress is not null)
            {
                var test = ForecastErrors.Measure(forecaster, pairs, trainCount, testCount);
                progress(new EpochReport(epoch, options.Epochs, lossSum / steps, test.Mse, stopwatch.Elapsed, epochRate));
            }
        }

        // The checkpoint goes on learning online at the configured rate; the averaged weights replace the last ones.
        SetLearningRate(forecaster, learningRate);
        if (average.Count > 1)
        {
            average.CopyTo(forecaster.Parameters);
            forecaster.KeepCurrentStateAsGood();
        }

        return ForecastErrors.Measure(forecaster, pairs, trainCount, testCount);
    }

    private static void SetLearningRate(GruForecaster forecaster, double learningRate)
    {
        foreach (var group in forecaster.Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
