using System.Text;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Tests.Forecasting;
using Streaming.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Streaming.Model.Tests.Training;

public sealed class TrainingGuardTests
{
    private const int W = 10;
    private const int Batch = 8;

    [Fact]
    public void Extreme_and_non_finite_pairs_are_never_learned_and_leave_the_weights_bit_identical()
    {
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 16 });
        float[] series = SineExperiment.ScaledSeries();
        LearnOnline(forecaster, series, 300);
        long steps = forecaster.TrainingSteps;
        byte[] weights = Weights(forecaster);
        byte[] adam = AdamState(forecaster);

        // 1e300 and -1e300 do not fit a float: scaled by a series' range they reach the model as ±infinity.
        float[] extremes = [1e30f, -1e30f, float.MaxValue, (float)1e300, (float)-1e300, float.NaN, 101f];
        foreach (float extreme in extremes)
        {
            float[] window = series.AsSpan(100, W).ToArray();
            window[W - 1] = extreme;
            forecaster.Learn(window, [0.5f]);
            forecaster.Learn(series.AsSpan(100, W), [extreme]);
        }

        Assert.Equal(steps, forecaster.TrainingSteps);
        Assert.Equal(2 * extremes.Length, forecaster.RejectedPairs);
        Assert.Equal(weights, Weights(forecaster));
        Assert.Equal(adam, AdamState(forecaster));
        Assert.All(PredictAll(forecaster, series), p => Assert.True(float.IsFinite(p)));

        // Still predicted: a window holding 1e30 gets a finite prediction.
        float[] spiky = series.AsSpan(100, W).ToArray();
        spiky[4] = 1e30f;
        var prediction = new float[1];
        forecaster.Predict(spiky, prediction);
        Assert.True(float.IsFinite(prediction[0]), $"prediction {prediction[0]}");
    }

    [Fact]
    public void An_exploding_loss_is_undone_bit_for_bit_and_reported()
    {
        // The input bound lifted, so that 1e18-scaled targets reach a training step.
        var options = new ModelOptions { HiddenSize = 16, TrainBatchSize = Batch, MaxScaledInput = 1e38, RollbackSnapshotSteps = 1 };
        using var forecaster = new GruForecaster(options);
        var events = new List<RollbackEventArgs>();
        forecaster.RolledBack += (_, e) => events.Add(e);
        float[] series = SineExperiment.ScaledSeries();
        (float[] windows, float[] targets) = Pairs(series, 0, 40 * Batch);
        for (int i = 0; i < 40; i++)
        {
            forecaster.TrainStep(windows.AsSpan(i * Batch * W, Batch * W), targets.AsSpan(i * Batch, Batch));
        }

        Assert.Empty(events);
        byte[] weights = Weights(forecaster);
        byte[] adam = AdamState(forecaster);
        long steps = forecaster.TrainingSteps;

        float[] poisoned = targets.AsSpan(0, Batch).ToArray();
        poisoned[3] = 1e18f;
        float loss = forecaster.TrainStep(windows.AsSpan(0, Batch * W), poisoned);
        poisoned[3] = 1e30f; // its square overflows a float: the loss is +infinity
        float infinite = forecaster.TrainStep(windows.AsSpan(0, Batch * W), poisoned);

        Assert.True(loss > 1e30f, $"loss {loss}");
        Assert.True(float.IsPositiveInfinity(infinite), $"loss {infinite}");
        Assert.Equal([RollbackReason.ExplodingLoss, RollbackReason.NonFiniteLoss], events.Select(e => e.Reason));
        Assert.Equal(2, forecaster.Rollbacks);
        Assert.InRange(events[0].MedianLoss, 0f, 1f);
        Assert.Equal(steps, forecaster.TrainingSteps);
        Assert.Equal(weights, Weights(forecaster));
        Assert.Equal(adam, AdamState(forecaster));
    }

    [Fact]
    public void A_poisoned_update_brings_back_the_copy_of_the_last_good_steps_and_training_goes_on_identically()
    {
        var options = new ModelOptions { HiddenSize = 16, TrainBatchSize = Batch, RollbackSnapshotSteps = 5 };
        using var guarded = new GruForecaster(options);
        using var twin = new GruForecaster(options);
        var events = new List<RollbackEventArgs>();
        guarded.RolledBack += (_, e) => events.Add(e);
        (float[] windows, float[] targets) = Pairs(SineExperiment.ScaledSeries(), 0, 20 * Batch);
        for (int i = 0; i < 5; i++)
        {
            Step(guarded, windows, targets, i);
            Step(twin, windows, targets, i);
        }

        byte[] goodWeights = Weights(guarded);
        byte[] goodAdam = AdamState(guarded);
        for (int i = 5; i < 8; i++)
        {
            Step(guarded, windows, targets, i);
        }

        Assert.NotEqual(goodWeights, Weights(guarded));

        // A NaN in Adam's first moment poisons the next update exactly as a NaN gradient would.
        Corrupt(((GcSafeAdam)guarded.Optimizer).ParameterStates().First().exp_avg);
        Step(guarded, windows, targets, 8);

        Assert.All(PredictAll(guarded, SineExperiment.ScaledSeries()), p => Assert.True(float.IsFinite(p)));
        Assert.Equal(goodWeights, Weights(guarded));
        Assert.Equal(goodAdam, AdamState(guarded));
        Assert.Equal(5, guarded.TrainingSteps);
        var rollback = Assert.Single(events);
        Assert.Equal(RollbackReason.NonFiniteState, rollback.Reason);
        Assert.Equal(4, rollback.StepsUndone);

        // Adam's step counts came back too: from here the guarded forecaster trains exactly as its twin.
        for (int i = 5; i < 20; i++)
        {
            Assert.Equal(Step(twin, windows, targets, i), Step(guarded, windows, targets, i));
        }

        Assert.Equal(Weights(twin), Weights(guarded));
    }

    [Fact]
    public void A_non_finite_weight_makes_the_loss_non_finite_and_is_undone()
    {
        var options = new ModelOptions { HiddenSize = 16, TrainBatchSize = Batch, RollbackSnapshotSteps = 3 };
        using var forecaster = new GruForecaster(options);
        (float[] windows, float[] targets) = Pairs(SineExperiment.ScaledSeries(), 0, 10 * Batch);
        for (int i = 0; i < 6; i++)
        {
            Step(forecaster, windows, targets, i);
        }

        byte[] good = Weights(forecaster);
        Step(forecaster, windows, targets, 6);
        Corrupt(forecaster.Network.parameters().Last());

        float loss = Step(forecaster, windows, targets, 7);

        Assert.True(float.IsNaN(loss));
        Assert.Equal(1, forecaster.Rollbacks);
        Assert.Equal(good, Weights(forecaster));
        Assert.All(PredictAll(forecaster, SineExperiment.ScaledSeries()), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void Weights_put_in_place_from_outside_and_kept_as_good_are_what_a_rollback_returns_to()
    {
        var options = new ModelOptions { HiddenSize = 16, TrainBatchSize = Batch, RollbackSnapshotSteps = 100 };
        using var forecaster = new GruForecaster(options);
        (float[] windows, float[] targets) = Pairs(SineExperiment.ScaledSeries(), 0, 4 * Batch);
        Step(forecaster, windows, targets, 0);

        // As offline training does with its averaged weights.
        using (no_grad())
        {
            foreach (var parameter in forecaster.Parameters)
            {
                using var half = 0.5.ToScalar();
                parameter.mul_(half);
            }
        }

        forecaster.KeepCurrentStateAsGood();
        byte[] placed = Weights(forecaster);
        Step(forecaster, windows, targets, 1);
        Corrupt(forecaster.Parameters[0]);
        Step(forecaster, windows, targets, 2);

        Assert.Equal(1, forecaster.Rollbacks);
        Assert.Equal(placed, Weights(forecaster));
    }

    [Fact]
    public void Ordinary_learning_is_never_rolled_back()
    {
        using var forecaster = new GruForecaster(new ModelOptions { HiddenSize = 16 });
        float[] series = SineExperiment.ScaledSeries();
        LearnOnline(forecaster, series, series.Length);

        // A level shift of half the range, learned online: surprising, but no reason to undo anything.
        float[] shifted = series.Select(v => v + 0.5f).ToArray();
        LearnOnline(forecaster, shifted, 300);

        Assert.Equal(0, forecaster.Rollbacks);
    }

    private static float Step(GruForecaster forecaster, float[] windows, float[] targets, int batch) =>
        forecaster.TrainStep(windows.AsSpan(batch * Batch * W, Batch * W), targets.AsSpan(batch * Batch, Batch));

    private static void LearnOnline(GruForecaster forecaster, float[] series, int end)
    {
        for (int t = W; t < end; t++)
        {
            forecaster.Learn(series.AsSpan(t - W, W), series.AsSpan(t, 1));
        }
    }

    private static (float[] Windows, float[] Targets) Pairs(float[] series, int first, int count)
    {
        var windows = new float[count * W];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            series.AsSpan(first + i, W).CopyTo(windows.AsSpan(i * W));
            targets[i] = series[first + i + W];
        }

        return (windows, targets);
    }

    private static float[] PredictAll(GruForecaster forecaster, float[] series)
    {
        int rows = series.Length - W;
        (float[] windows, _) = Pairs(series, 0, rows);
        var predictions = new float[rows];
        forecaster.Predict(windows, predictions);
        return predictions;
    }

    private static void Corrupt(Tensor tensor)
    {
        using var noGrad = no_grad();
        using var nan = float.NaN.ToScalar();
        tensor.fill_(nan);
    }

    private static byte[] Weights(GruForecaster forecaster) => TensorStateCodec.Write(forecaster.Network);

    private static byte[] AdamState(GruForecaster forecaster)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            forecaster.Optimizer.save_state_dict(writer);
        }

        return stream.ToArray();
    }
}
