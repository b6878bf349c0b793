using Streaming.Model.Architecture;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Model.Training;

namespace Streaming.Model.Tests.Detection;

public sealed class ArchitecturesOnlineTests
{
    public static TheoryData<string> Variants => ["stacked", "bidirectional", "attention", "layer-norm", "batch-norm", "huber", "keras-init"];

    private static ModelOptions Options(string variant)
    {
        var o = new ModelOptions { WindowSize = 5, HiddenSize = 16, MaxTrainBatchSize = 64, TrainSamplesPerPoint = 64 };
        switch (variant)
        {
            case "stacked": o.Layers = 2; o.Dropout = 0.2; break;
            case "bidirectional": o.Bidirectional = true; break;
            case "attention": o.Pooling = PoolingKind.Attention; break;
            case "layer-norm": o.Normalization = NormalizationKind.Layer; break;
            case "batch-norm": o.Normalization = NormalizationKind.Batch; break;
            case "huber": o.Loss = LossKind.Huber; o.HuberDelta = 0.05; break;
            case "keras-init": o.Initialization = InitializationKind.Keras; break;
        }

        return o;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Each_architecture_predicts_learns_and_flags_a_spike_in_the_engine(string variant)
    {
        using var forecaster = new GruForecaster(Options(variant));
        var engine = new DetectionEngine(forecaster, new ScoringOptions { WarmupPoints = 100 }, () => ScalerFactory.Create(ScalerKind.MinMax));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var results = new DetectionResult[8];
        var errors = new List<double>();
        for (var i = 0; i < 800; i += 8)
        {
            SensorPoint[] batch = [.. Enumerable.Range(i, 8).Select(k => new SensorPoint("s", t0.AddMinutes(k), 20 + (5 * Math.Sin(k / 4.0))))];
            engine.Process(batch, results);
            errors.AddRange(results.Where(r => r.Residual is not null).Select(r => Math.Abs(r.Residual!.Value)));
        }

        Assert.All(errors, e => Assert.True(double.IsFinite(e)));
        double early = errors.Take(40).Average();
        double late = errors.TakeLast(40).Average();
        Assert.True(late < early / 3, $"{variant}: mean |residual| {early:F3} → {late:F3}");

        engine.Process([new SensorPoint("s", t0.AddMinutes(800), 60)], results);
        Assert.True(results[0].IsAnomaly, $"{variant}: spike not flagged");
    }
}
