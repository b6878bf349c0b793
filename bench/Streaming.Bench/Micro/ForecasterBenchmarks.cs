using BenchmarkDotNet.Attributes;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using TorchSharp;

namespace Streaming.Bench.Micro;

/// <summary>The shared GRU: one forward over B windows, in C# or in TorchSharp (learning: <see cref="LearningBenchmarks"/>).</summary>
public class ForecasterBenchmarks
{
    private GruForecaster _forecaster = null!;
    private float[] _windows = [];
    private float[] _predictions = [];

    /// <summary>Windows per call.</summary>
    [Params(1, 64, 256, 1024)]
    public int Batch { get; set; }

    /// <summary>The C# forward (true, the default) or TorchSharp's.</summary>
    [Params(true, false)]
    public bool Managed { get; set; }

    /// <summary>Builds the default model and B sine windows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var options = new ModelOptions { ManagedForward = Managed };
        _forecaster = new GruForecaster(options);
        _windows = new float[Batch * options.WindowSize];
        _predictions = new float[Batch];
        for (var i = 0; i < _windows.Length; i++)
        {
            _windows[i] = (float)(0.5 + (0.5 * Math.Sin(i * 0.1)));
        }
    }

    /// <summary>Disposes the model.</summary>
    [GlobalCleanup]
    public void Cleanup() => _forecaster.Dispose();

    /// <summary>One forward over the batch.</summary>
    [Benchmark]
    public float Predict()
    {
        _forecaster.Predict(_windows, _predictions);
        return _predictions[0];
    }

}
