using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Training;
using Xunit.Abstractions;

namespace Streaming.Model.Tests.Forecasting;

public sealed class GruForecasterTests(ITestOutputHelper output)
{
    private const int W = 10;

    [Fact]
    public void Keras_sine_example_with_default_options_reaches_low_test_mse()
    {
        // Defaults on purpose: the streaming worker's settings must learn this, not a test-only tuning.
        var (mse, elapsed, steps) = SineExperiment.Run(new ModelOptions());

        output.WriteLine($"test MSE {mse:E3} (scaled units²), {steps} Adam steps, {elapsed.TotalSeconds:F1} s");
        Assert.True(mse < 1e-4, $"test MSE {mse:E3} should be below 1e-4");
    }

    [Fact]
    public void Batched_predict_equals_per_window_predict()
    {
        using var forecaster = Trained(new ModelOptions());
        float[] windows = RandomWindows(37, seed: 7);
        var batched = new float[37];
        forecaster.Predict(windows, batched);

        var single = new float[1];
        for (int i = 0; i < 37; i++)
        {
            forecaster.Predict(windows.AsSpan(i * W, W), single);
            Assert.Equal(batched[i], single[0], 1e-5f);
        }
    }

    [Fact]
    public void A_window_forward_with_default_options_computes_the_gru_equations_by_hand()
    {
        // The default windowed forward against the GRU equations in double precision, with fresh weights and after training.
        using var fresh = new GruForecaster(new ModelOptions());
        using var trained = Trained(new ModelOptions());
        const int rows = 8;
        float[] windows = RandomWindows(rows, seed: 11);
        foreach (var forecaster in new[] { fresh, trained })
        {
            var predictions = new float[rows];
            forecaster.Predict(windows, predictions);
            var weights = GruReference.Weights(forecaster);
            Assert.Equal(new ModelOptions().HiddenSize, weights["head.weight"].Length);
            for (var i = 0; i < rows; i++)
            {
                Assert.Equal(GruReference.Window(weights, windows.AsSpan(i * W, W)), predictions[i], 1e-5);
            }
        }
    }

    [Fact]
    public void Same_seed_and_inputs_give_bit_identical_outputs()
    {
        using var a = new GruForecaster(new ModelOptions());
        using var b = new GruForecaster(new ModelOptions());
        float[] windows = RandomWindows(50, seed: 3);
        float[] targets = RandomWindows(5, seed: 4);
        var pa = new float[50];
        var pb = new float[50];

        for (int round = 0; round < 20; round++)
        {
            Assert.Equal(a.Learn(windows, targets.AsSpan(0, 50)), b.Learn(windows, targets.AsSpan(0, 50)));
            a.Predict(windows, pa);
            b.Predict(windows, pb);
            Assert.Equal(pa, pb);
        }
    }

    [Fact]
    public async Task Initial_weights_depend_on_the_seed_only_while_another_forecaster_trains_with_dropout()
    {
        var options = new ModelOptions { HiddenSize = 16 };
        float[] window = RandomWindows(1, seed: 6);
        float reference = FirstPrediction(options, window);

        // Dropout draws from the process-wide torch generator that weight initialisation also draws from.
        using var dropping = new GruForecaster(new ModelOptions { HiddenSize = 16, Layers = 2, Dropout = 0.5, TrainBatchSize = 8 });
        float[] windows = RandomWindows(8, seed: 12);
        float[] targets = RandomWindows(1, seed: 13).AsSpan(0, 8).ToArray();
        using var stop = new CancellationTokenSource();
        var training = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                dropping.Learn(windows, targets);
            }
        });
        try
        {
            SpinWait.SpinUntil(() => dropping.TrainingSteps > 0, TimeSpan.FromSeconds(30));
            for (int i = 0; i < 50; i++)
            {
                Assert.Equal(reference, FirstPrediction(options, window));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await training;
        }

        Assert.True(dropping.TrainingSteps > 0);
    }

    private static float FirstPrediction(ModelOptions options, float[] window)
    {
        using var forecaster = new GruForecaster(options);
        var prediction = new float[1];
        forecaster.Predict(window, prediction);
        return prediction[0];
    }

    [Fact]
    public void Different_seeds_give_different_weights()
    {
        using var a = new GruForecaster(new ModelOptions { Seed = 1 });
        using var b = new GruForecaster(new ModelOptions { Seed = 2 });
        float[] window = RandomWindows(1, seed: 5);
        var pa = new float[1];
        var pb = new float[1];
        a.Predict(window, pa);
        b.Predict(window, pb);
        Assert.NotEqual(pa[0], pb[0]);
    }

    [Fact]
    public void Non_finite_inputs_never_poison_the_weights()
    {
        using var forecaster = Trained(new ModelOptions());
        long steps = forecaster.TrainingSteps;
        float[] window = RandomWindows(1, seed: 9);

        forecaster.Learn(window, new[] { float.NaN });
        forecaster.Learn(window, new[] { float.PositiveInfinity });
        float[] badWindow = (float[])window.Clone();
        badWindow[3] = float.NaN;
        forecaster.Learn(badWindow, new[] { 0.5f });
        Assert.Equal(steps, forecaster.TrainingSteps); // bad pairs are dropped: with no new pair there is no step

        // Finite but overflowing: the squared error is +inf in float, so the step is skipped.
        var overflow = new ModelOptions { ReplayCapacity = 0 };
        using var fresh = new GruForecaster(overflow);
        float loss = fresh.Learn(window, new[] { float.MaxValue });
        Assert.False(float.IsFinite(loss));
        Assert.Equal(0, fresh.TrainingSteps);

        var predictions = new float[64];
        forecaster.Predict(RandomWindows(64, seed: 10), predictions);
        fresh.Predict(RandomWindows(64, seed: 10), predictions.AsSpan(0, 64));
        Assert.All(predictions, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void Empty_batches_are_no_ops()
    {
        using var forecaster = new GruForecaster(new ModelOptions());
        forecaster.Predict(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        Assert.True(float.IsNaN(forecaster.Learn(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty)));
        Assert.Equal(0, forecaster.TrainingSteps);
    }

    [Fact]
    public void Zero_samples_per_point_only_fills_replay()
    {
        using var forecaster = new GruForecaster(new ModelOptions { TrainSamplesPerPoint = 0 });
        Assert.True(float.IsNaN(forecaster.Learn(RandomWindows(4, seed: 1), new float[4])));
        Assert.Equal(0, forecaster.TrainingSteps);
    }

    [Fact]
    public void Batch_larger_than_train_batch_size_trains_and_reduces_loss()
    {
        using var forecaster = new GruForecaster(new ModelOptions { TrainBatchSize = 16, MaxTrainBatchSize = 16, TrainSamplesPerPoint = 0.3 } /* 200 pairs × 0.3 / 16 → 4 steps a call */);
        var (windows, targets) = SinePairs(200);

        float first = forecaster.Learn(windows, targets);
        float last = first;
        for (int i = 0; i < 100; i++)
        {
            last = forecaster.Learn(windows, targets);
        }

        Assert.Equal(404, forecaster.TrainingSteps);
        Assert.True(last < first / 10, $"loss {first} → {last}");
    }

    [Fact]
    public void A_backlog_is_learned_in_large_steps_and_a_lone_pair_in_one_topped_up_step()
    {
        // Defaults: each new pair once, steps of 64 to 256 samples.
        using var forecaster = new GruForecaster(new ModelOptions());
        var (windows, targets) = SinePairs(900);

        forecaster.Learn(windows, targets);
        Assert.Equal(4, forecaster.TrainingSteps); // ceil(900 / 256)
        Assert.Equal(256, forecaster.PointsPerStep);

        forecaster.Learn(windows.AsSpan(0, W), targets.AsSpan(0, 1));
        Assert.Equal(5, forecaster.TrainingSteps);
    }

    // The first pairs of the lesson's sine.
    private static (float[] Windows, float[] Targets) SinePairs(int rows)
    {
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), W);
        return (pairs.WindowsOf(0, rows).ToArray(), pairs.TargetsOf(0, rows).ToArray());
    }

    [Fact]
    public void Mismatched_lengths_throw()
    {
        using var forecaster = new GruForecaster(new ModelOptions());
        Assert.Throws<ArgumentException>(() => forecaster.Predict(new float[W + 1], new float[1]));
        Assert.Throws<ArgumentException>(() => forecaster.Learn(new float[2 * W], new float[1]));
    }

    [Fact]
    public void Dispose_is_idempotent_and_blocks_further_use()
    {
        var forecaster = new GruForecaster(new ModelOptions());
        forecaster.Dispose();
        forecaster.Dispose();
        Assert.Throws<ObjectDisposedException>(() => forecaster.Predict(new float[W], new float[1]));
    }

    [Fact]
    public void Disposed_from_another_thread_mid_training_it_waits_for_the_step_and_then_refuses_further_use()
    {
        // The host disposes the forecaster when it stops, also when the model thread did not drain in time and is
        // still learning: freeing the weights under a running step would corrupt native memory.
        float[] windows = RandomWindows(256, seed: 21);
        float[] targets = RandomWindows(26, seed: 22).AsSpan(0, 256).ToArray();
        var options = new ModelOptions { TrainSamplesPerPoint = 4, MaxTrainBatchSize = 256 };
        for (int round = 0; round < 20; round++)
        {
            var forecaster = new GruForecaster(options);
            Exception? seen = null;
            using var started = new ManualResetEventSlim();
            var learner = new Thread(() =>
            {
                try
                {
                    forecaster.Learn(windows, targets);
                    started.Set();
                    while (true)
                    {
                        forecaster.Learn(windows, targets);
                    }
                }
                catch (Exception ex)
                {
                    seen = ex;
                }
            });
            learner.Start();
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
            Thread.Sleep(1 + (round % 10));
            forecaster.Dispose();
            Assert.True(learner.Join(TimeSpan.FromSeconds(30)));
            Assert.IsType<ObjectDisposedException>(seen);
        }
    }

    private static GruForecaster Trained(ModelOptions options)
    {
        var forecaster = new GruForecaster(options);
        float[] series = SineExperiment.ScaledSeries();
        for (int t = W; t < 200; t++)
        {
            forecaster.Learn(series.AsSpan(t - W, W), series.AsSpan(t, 1));
        }

        return forecaster;
    }

    private static float[] RandomWindows(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * W];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSingle();
        }

        return values;
    }
}
