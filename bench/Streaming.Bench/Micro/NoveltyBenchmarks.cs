using BenchmarkDotNet.Attributes;
using Streaming.Model.Scoring;

namespace Streaming.Bench.Micro;

/// <summary>
/// The novelty watch per point as the engine meets it: 1,000 series in turn, each past 400 points of a noisy wave (so
/// its seen-sequence sets hold what a live series' do), so that each call touches another series' state.
/// </summary>
[MemoryDiagnoser]
public class NoveltyBenchmarks
{
    private const int Series = 1000;
    private readonly NoveltyDetector[] _detectors = new NoveltyDetector[Series];
    private readonly Random _random = new(3);
    private int _step;

    /// <summary>Builds the detectors (default settings) and feeds each 400 points.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new ScoringOptions();
        for (var s = 0; s < Series; s++)
        {
            _detectors[s] = new NoveltyDetector(options.RangeTolerance, options.ContextLevels, options.ContextLength);
        }

        for (var i = 0; i < 400; i++)
        {
            Observe();
        }
    }

    /// <summary>One point for each of the 1,000 series; reported per point.</summary>
    [Benchmark(OperationsPerInvoke = Series)]
    public double Observe()
    {
        var sum = 0.0;
        _step++;
        for (var s = 0; s < Series; s++)
        {
            sum += _detectors[s].Observe(Math.Sin((_step + s) * 0.3) + (0.3 * _random.NextDouble())).Context;
        }

        return sum;
    }
}
