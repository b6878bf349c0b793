using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Tests.Architecture;
using Streaming.Model.Tests.Forecasting;
using static TorchSharp.torch;

namespace Streaming.Model.Tests.Checkpoints;

[Collection(TorchGeneratorCollection.Name)]
public sealed class CheckpointRoundTripTests
{
    private const int W = 10;

    [Theory]
    [MemberData(nameof(ArchitectureVariants.Names), MemberType = typeof(ArchitectureVariants))]
    public void Save_then_load_predicts_bit_identically_and_keeps_training_identically(string variant)
    {
        ModelOptions options = ArchitectureVariants.Options(variant);
        float[] series = SineExperiment.ScaledSeries();
        using var original = new GruForecaster(options);
        LearnOnline(original, series, 10, 300);

        byte[] bytes = ForecasterCheckpoint.Capture(original).ToBytes();
        using var restored = ForecasterCheckpoint.Restore(CheckpointFile.Parse(bytes), options);

        Assert.Equal(original.TrainingSteps, restored.TrainingSteps);
        Assert.Equal(PredictAll(original, series), PredictAll(restored, series));

        // Dropout draws from the process-wide torch generator: both continue from the same seed. The lock keeps
        // forecasters built by tests running in parallel from reseeding it or drawing from it in between.
        float[] lossesA, lossesB;
        lock (GruForecaster.SeedLock)
        {
            manual_seed(7);
            lossesA = LearnOnline(original, series, 300, 400);
            manual_seed(7);
            lossesB = LearnOnline(restored, series, 300, 400);
        }

        Assert.Equal(lossesA, lossesB);
        Assert.Equal(PredictAll(original, series), PredictAll(restored, series));
    }

    [Fact]
    public void A_checkpoint_survives_a_file_and_keeps_its_sections()
    {
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 8 });
        var file = ForecasterCheckpoint.Capture(forecaster);
        file.Set("extra", [1, 2, 3]);
        string path = Path.Combine(Path.GetTempPath(), $"ckpt-{Guid.NewGuid():N}.bin");
        try
        {
            file.Save(path);
            var loaded = CheckpointFile.Load(path);
            Assert.Equal(file.Architecture, loaded.Architecture);
            Assert.Equal([1, 2, 3], loaded.Get("extra"));
            Assert.Equal(file.ToBytes(), loaded.ToBytes());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] LearnOnline(GruForecaster forecaster, float[] series, int from, int to)
    {
        var losses = new List<float>();
        for (int t = from; t < to; t += 4)
        {
            var windows = new float[4 * W];
            for (int k = 0; k < 4; k++)
            {
                series.AsSpan(t + k - W, W).CopyTo(windows.AsSpan(k * W));
            }

            losses.Add(forecaster.Learn(windows, series.AsSpan(t, 4)));
        }

        return [.. losses];
    }

    private static float[] PredictAll(GruForecaster forecaster, float[] series)
    {
        int rows = series.Length - W;
        var windows = new float[rows * W];
        for (int i = 0; i < rows; i++)
        {
            series.AsSpan(i, W).CopyTo(windows.AsSpan(i * W));
        }

        var predictions = new float[rows];
        forecaster.Predict(windows, predictions);
        return predictions;
    }
}
