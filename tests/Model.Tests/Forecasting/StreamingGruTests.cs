using Streaming.Model.Architecture;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Xunit.Abstractions;

namespace Streaming.Model.Tests.Forecasting;

public sealed class StreamingGruTests(ITestOutputHelper output)
{
    private static readonly ModelOptions Small = new() { WindowSize = 6, HiddenSize = 8, TrainBatchSize = 8, TrainSamplesPerPoint = 8 };

    [Fact]
    public void A_step_computes_the_gru_equations_with_the_current_weights()
    {
        using var forecaster = new GruForecaster(Small);
        var model = new StreamingGru(forecaster);
        var states = new float[3 * 8];
        var predictions = new float[3];
        float[] inputs = [0.2f, 0.9f, -0.4f];
        for (var round = 0; round < 2; round++)
        {
            var before = (float[])states.Clone();
            model.Step(inputs, states, predictions);
            var weights = Weights(forecaster);
            for (var b = 0; b < 3; b++)
            {
                var (h, prediction) = ByHand(weights, inputs[b], before.AsSpan(b * 8, 8));
                for (var j = 0; j < 8; j++)
                {
                    Assert.Equal(h[j], states[(b * 8) + j], 1e-5f);
                }

                Assert.Equal(prediction, predictions[b], 1e-5f);
            }

            // The cell reads the GRU's own tensors: after training steps it still computes with the current weights.
            var samples = Sine(4, model);
            for (var i = 0; i < 5; i++)
            {
                model.TrainStep(samples);
            }
        }
    }

    [Fact]
    public void Stateful_training_reduces_the_loss_on_a_sine()
    {
        using var forecaster = new GruForecaster(new ModelOptions { TrainBatchSize = 16 });
        var model = new StreamingGru(forecaster);
        var samples = Sine(16, model);
        var first = model.TrainStep(samples);
        var last = first;
        for (var i = 0; i < 150; i++)
        {
            last = model.TrainStep(samples);
        }

        output.WriteLine($"loss {first:E3} -> {last:E3}");
        Assert.True(last < first / 10, $"loss {first:E3} -> {last:E3}");
    }

    [Fact]
    public void Learning_takes_steps_by_points_once_a_sample_is_in_replay()
    {
        using var forecaster = new GruForecaster(Small);
        var model = new StreamingGru(forecaster);
        Assert.True(float.IsNaN(model.Learn(8)), "nothing to learn from yet");
        Assert.Equal(0, forecaster.TrainingSteps);

        var samples = Sine(2, model);
        samples[model.SampleSize + 3] = float.NaN;
        model.Add(samples);
        Assert.Equal(1, forecaster.RejectedPairs);
        Assert.True(float.IsFinite(model.Learn(3)));
        Assert.Equal(3, forecaster.TrainingSteps);
    }

    [Theory]
    [InlineData(2, false, PoolingKind.Last)]
    [InlineData(1, true, PoolingKind.Last)]
    [InlineData(1, false, PoolingKind.Attention)]
    public void Only_a_plain_one_layer_gru_streams(int layers, bool bidirectional, PoolingKind pooling)
    {
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 4, Layers = layers, Bidirectional = bidirectional, Pooling = pooling });
        Assert.NotNull(StreamingGru.Unsupported(forecaster.Architecture));
        Assert.Throws<ArgumentException>(() => new StreamingGru(forecaster));
    }

    // n chunks of a sine in a row, each starting from the state the previous one ended in (as a series carries it).
    private static float[] Sine(int n, StreamingGru model)
    {
        var w = model.ChunkSize;
        var samples = new float[n * model.SampleSize];
        var state = new float[model.HiddenSize];
        var next = new float[1];
        for (var c = 0; c < n; c++)
        {
            var row = samples.AsSpan(c * model.SampleSize, model.SampleSize);
            state.CopyTo(row);
            for (var j = 0; j < w; j++)
            {
                var t = (c * w) + j;
                row[model.HiddenSize + j] = Value(t);
                row[model.HiddenSize + w + j] = Value(t + 1);
                model.Step([Value(t)], state, next);
            }
        }

        return samples;
    }

    private static float Value(int t) => 0.5f + (0.4f * MathF.Sin(t * 0.3f));

    private static Dictionary<string, float[]> Weights(GruForecaster forecaster) => GruReference.Weights(forecaster);

    // One cell step and the head's prediction from the new state, by hand (see GruReference).
    private static (float[] State, float Prediction) ByHand(Dictionary<string, float[]> w, float x, ReadOnlySpan<float> previous)
    {
        var h = GruReference.Step(w, x, [.. previous.ToArray().Select(v => (double)v)]);
        return ([.. h.Select(v => (float)v)], (float)GruReference.Head(w, h));
    }
}
