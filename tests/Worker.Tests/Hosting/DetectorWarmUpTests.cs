using Streaming.Model.Detection;
using Streaming.Model.Options;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Tests.Hosting;

/// <summary>The start-up warm-up runs on models of its own and leaves the worker's model as it would be without it.</summary>
public sealed class DetectorWarmUpTests
{
    [Fact]
    public void A_model_built_after_the_warm_up_predicts_as_one_built_before_it()
    {
        var factory = new DetectorFactory(new ModelOptions { WindowSize = 5, HiddenSize = 8 }, new ScoringOptions(), ScalerKind.MinMax);
        using var before = factory.CreateForecaster();
        DetectorWarmUp.Run(factory);
        using var after = factory.CreateForecaster();
        var windows = Enumerable.Range(0, 10).Select(i => (float)Math.Sin(i)).ToArray();
        var (expected, actual) = (new float[2], new float[2]);

        before.Predict(windows, expected);
        after.Predict(windows, actual);

        Assert.Equal(expected, actual);
    }
}
