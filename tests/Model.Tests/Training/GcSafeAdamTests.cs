using Streaming.Model.Forecasting;
using Streaming.Model.Options;

namespace Streaming.Model.Tests.Training;

public class GcSafeAdamTests
{
    // TorchSharp's own Adam let garbage collections started by other threads finalise Scalars that libtorch was
    // still reading; within a few hundred steps a step failed ("Expected false to be true" from Scalar::toDouble).
    [Fact]
    public void Training_survives_garbage_collections_started_by_other_threads()
    {
        using var forecaster = new GruForecaster(new ModelOptions { TrainSamplesPerPoint = 1, TrainBatchSize = 64 });
        var windows = new float[64 * forecaster.WindowSize];
        var targets = new float[64];
        for (var i = 0; i < windows.Length; i++)
        {
            windows[i] = (float)(0.5 + (0.5 * Math.Sin(i * 0.1)));
        }

        using var stop = new CancellationTokenSource();
        var churn = new Thread(() => Churn(stop.Token)) { IsBackground = true };
        churn.Start();
        try
        {
            for (var call = 0; call < 500; call++)
            {
                var loss = forecaster.Learn(windows, targets);
                Assert.True(float.IsFinite(loss), $"step {call} gave a non-finite loss");
            }
        }
        finally
        {
            stop.Cancel();
            churn.Join();
        }

        Assert.Equal(500, forecaster.TrainingSteps);
    }

    private static void Churn(CancellationToken stop)
    {
        object? keep = null;
        while (!stop.IsCancellationRequested)
        {
            for (var k = 0; k < 1000; k++)
            {
                keep = new byte[256];
            }
        }

        GC.KeepAlive(keep);
    }
}
