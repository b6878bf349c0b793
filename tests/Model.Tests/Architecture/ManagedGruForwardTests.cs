using Streaming.Model.Architecture;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;

namespace Streaming.Model.Tests.Architecture;

public sealed class ManagedGruForwardTests
{
    private const int W = 10;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(300)]
    public void The_managed_forward_predicts_what_TorchSharp_predicts(int batch)
    {
        using var managed = new GruForecaster(new ModelOptions());
        using var torch = TorchTwin(managed);
        AssertSamePredictions(managed, torch, Windows(batch, seed: batch));
    }

    [Fact]
    public void After_learning_the_managed_forward_uses_the_new_weights()
    {
        using var forecaster = new GruForecaster(new ModelOptions { TrainSamplesPerPoint = 64 });
        float[] windows = Windows(64, seed: 1);
        var before = new float[64];
        forecaster.Predict(windows, before);

        forecaster.Learn(windows, Windows(7, seed: 2).AsSpan(0, 64));
        var after = new float[64];
        forecaster.Predict(windows, after);

        Assert.NotEqual(before, after);
        using var torch = TorchTwin(forecaster);
        AssertSamePredictions(forecaster, torch, windows);
    }

    [Fact]
    public void A_streaming_cell_step_matches_TorchSharp()
    {
        var options = new ModelOptions { Mode = ForecastMode.Streaming };
        using var managed = new GruForecaster(options);
        using var torch = TorchTwin(managed);
        const int batch = 13;
        float[] inputs = Windows(2, seed: 4).AsSpan(0, batch).ToArray();
        float[] states = Windows(batch * 5, seed: 6).Select(v => v - 0.5f).ToArray();
        float[] torchStates = (float[])states.Clone();
        var predictions = new float[batch];
        var torchPredictions = new float[batch];

        new StreamingGru(managed).Step(inputs, states, predictions);
        new StreamingGru(torch).Step(inputs, torchStates, torchPredictions);

        for (int i = 0; i < states.Length; i++)
        {
            Assert.Equal(torchStates[i], states[i], 1e-5f);
        }

        for (int i = 0; i < batch; i++)
        {
            Assert.Equal(torchPredictions[i], predictions[i], 1e-5f);
        }
    }

    [Theory]
    [InlineData(2, false, PoolingKind.Last, NormalizationKind.None)]
    [InlineData(1, true, PoolingKind.Last, NormalizationKind.None)]
    [InlineData(1, false, PoolingKind.Attention, NormalizationKind.None)]
    [InlineData(1, false, PoolingKind.Last, NormalizationKind.Layer)]
    public void Networks_with_other_parts_stay_on_TorchSharp(int layers, bool bidirectional, PoolingKind pooling, NormalizationKind normalization)
    {
        Assert.Null(ManagedGruForward.For(new GruArchitecture(W, 50, layers, 0, bidirectional, pooling, normalization)));
        Assert.NotNull(ManagedGruForward.For(new GruArchitecture(W, 50, 1, 0, false, PoolingKind.Last, NormalizationKind.None)));
    }

    // The same weights behind TorchSharp's forward: a checkpoint of the forecaster restored with the managed forward off.
    private static GruForecaster TorchTwin(GruForecaster forecaster)
    {
        var options = new ModelOptions { Mode = forecaster.Options.Mode, ManagedForward = false };
        return ForecasterCheckpoint.Restore(CheckpointFile.Parse(ForecasterCheckpoint.Capture(forecaster).ToBytes()), options);
    }

    private static void AssertSamePredictions(GruForecaster managed, GruForecaster torch, float[] windows)
    {
        int batch = windows.Length / W;
        var expected = new float[batch];
        var actual = new float[batch];
        torch.Predict(windows, expected);
        managed.Predict(windows, actual);
        for (int i = 0; i < batch; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    // Scaled values a little beyond [0, 1], as the worker feeds after a new extreme.
    private static float[] Windows(int rows, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * W).Select(_ => (float)((random.NextDouble() * 1.4) - 0.2))];
    }
}
