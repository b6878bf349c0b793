using BenchmarkDotNet.Attributes;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using TorchSharp;

namespace Streaming.Bench.Micro;

/// <summary>
/// The model thread's detection per point, in steady state: a batch of 1,024 points over 1,000 series with full windows
/// (one forward for the batch). Minus <see cref="ForecasterBenchmarks"/>' Predict at B=1024 divided by 1,024, what is
/// left is the engine's own per-point cost: series lookup, scaling, window, scoring and novelty.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Series = 1000;
    private const int Batch = 1024;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _ids = [.. Enumerable.Range(0, Series).Select(i => $"series-{i:D4}")];
    private readonly SensorPoint[] _points = new SensorPoint[Batch];
    private readonly DetectionResult[] _results = new DetectionResult[Batch];
    private GruForecaster _forecaster = null!;
    private DetectionEngine _engine = null!;
    private long _next;

    /// <summary>Builds the default model and engine and fills every series' window past the scorer's warm-up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        _forecaster = new GruForecaster(new ModelOptions());
        _engine = new DetectionEngine(_forecaster, new ScoringOptions(), () => new MinMaxScaler());
        for (var i = 0; i < 200; i++)
        {
            Detect();
        }
    }

    /// <summary>Disposes the model.</summary>
    [GlobalCleanup]
    public void Cleanup() => _forecaster.Dispose();

    /// <summary>Predicts and scores one batch; reported per point.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Detect()
    {
        for (var i = 0; i < Batch; i++, _next++)
        {
            var step = _next / Series;
            _points[i] = new SensorPoint(_ids[_next % Series], Start.AddMinutes(step), Math.Sin(step * 0.1) + (0.01 * (_next % 7)));
        }

        return _engine.Detect(_points, _results);
    }
}
