using BenchmarkDotNet.Attributes;
using Streaming.Model.Scoring;

namespace Streaming.Bench.Micro;

/// <summary>Per-point cost of turning a residual into an anomaly score.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly ResidualScorer _scorer = new(new ScoringOptions());
    private double _t;

    /// <summary>Scores one residual.</summary>
    [Benchmark]
    public double Score()
    {
        _t += 0.37;
        return _scorer.Score(0.01 * Math.Sin(_t)).Score;
    }
}
