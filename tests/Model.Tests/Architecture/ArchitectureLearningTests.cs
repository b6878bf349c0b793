using Streaming.Model.Forecasting;
using Streaming.Model.Tests.Forecasting;
using Streaming.Model.Training;
using Xunit.Abstractions;

namespace Streaming.Model.Tests.Architecture;

[Collection(TorchGeneratorCollection.Name)]
public sealed class ArchitectureLearningTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ArchitectureVariants.Names), MemberType = typeof(ArchitectureVariants))]
    public void Every_architecture_cuts_the_sine_test_error_by_an_order_of_magnitude(string variant)
    {
        using var forecaster = new GruForecaster(ArchitectureVariants.Options(variant));
        var pairs = new SupervisedWindows(SineExperiment.ScaledSeries(), forecaster.WindowSize);
        int train = (int)(pairs.Count * 0.8);
        double before = ForecastErrors.Measure(forecaster, pairs, train, pairs.Count - train).Mse;

        var after = OfflineTrainer.Train(forecaster, pairs, new OfflineTrainingOptions { Epochs = 6, BatchSize = 8 });

        output.WriteLine($"{variant}: {forecaster.Architecture}: test MSE {before:E3} → {after.Mse:E3}");
        Assert.True(after.Mse < before / 10, $"{variant}: test MSE {before:E3} → {after.Mse:E3}");
    }

    [Theory]
    [MemberData(nameof(ArchitectureVariants.Names), MemberType = typeof(ArchitectureVariants))]
    public void Every_architecture_learns_online_with_replay(string variant)
    {
        using var forecaster = new GruForecaster(ArchitectureVariants.Options(variant));
        float[] series = SineExperiment.ScaledSeries();
        int w = forecaster.WindowSize;
        float first = float.NaN;
        var recent = new List<float>();
        for (int t = w; t < 600; t++)
        {
            float loss = forecaster.Learn(series.AsSpan(t - w, w), series.AsSpan(t, 1));
            first = float.IsNaN(first) ? loss : first;
            recent.Add(loss);
        }

        double late = recent.TakeLast(50).Average();
        output.WriteLine($"{variant}: first loss {first:E3}, mean of last 50 {late:E3}");
        Assert.True(late < first / 10, $"{variant}: first loss {first:E3}, mean of last 50 {late:E3}");
    }
}
