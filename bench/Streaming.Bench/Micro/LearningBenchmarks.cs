using BenchmarkDotNet.Attributes;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using TorchSharp;

namespace Streaming.Bench.Micro;

/// <summary>
/// The shared GRU learning from 1,024 fresh pairs: the cost per learned pair as the mini-batch grows and the replayed
/// samples per pair shrink.
/// </summary>
public class LearningBenchmarks
{
    private const int Pairs = 1024;
    private GruForecaster _forecaster = null!;
    private float[] _windows = [];
    private float[] _targets = [];

    /// <summary>Samples per Adam step (Model:TrainBatchSize).</summary>
    [Params(64, 256)]
    public int TrainBatchSize { get; set; }

    /// <summary>Samples learned per new pair (Model:TrainSamplesPerPoint), the pair itself included.</summary>
    [Params(1, 8)]
    public int SamplesPerPoint { get; set; }

    /// <summary>Builds the default model and the sine pairs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var options = new ModelOptions { TrainBatchSize = TrainBatchSize, TrainSamplesPerPoint = SamplesPerPoint };
        _forecaster = new GruForecaster(options);
        _windows = new float[Pairs * options.WindowSize];
        _targets = new float[Pairs];
        for (var i = 0; i < _windows.Length; i++)
        {
            _windows[i] = (float)(0.5 + (0.5 * Math.Sin(i * 0.1)));
        }

        for (var b = 0; b < Pairs; b++)
        {
            _targets[b] = (float)(0.5 + (0.5 * Math.Sin(((b + 1) * options.WindowSize) * 0.1)));
        }
    }

    /// <summary>Disposes the model.</summary>
    [GlobalCleanup]
    public void Cleanup() => _forecaster.Dispose();

    /// <summary>Learning from all the pairs.</summary>
    [Benchmark]
    public float Learn() => _forecaster.Learn(_windows, _targets);
}
