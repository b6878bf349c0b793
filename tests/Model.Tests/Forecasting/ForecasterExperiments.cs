using Streaming.Model.Options;
using Xunit.Abstractions;

namespace Streaming.Model.Tests.Forecasting;

public sealed class SineTuning(ITestOutputHelper output)
{
    [SkippableFact]
    public void Tune()
    {
        Skip.If(Environment.GetEnvironmentVariable("SINE_TUNE") is null);
        foreach (string spec in Environment.GetEnvironmentVariable("SINE_TUNE")!.Split(';'))
        {
            string[] p = spec.Split(',');
            var o = new ModelOptions { TrainStepsPerBatch = int.Parse(p[0]), TrainBatchSize = int.Parse(p[1]), LearningRate = double.Parse(p[2]), Seed = p.Length > 3 ? int.Parse(p[3]) : 42 };
            var (mse, elapsed, steps) = SineExperiment.Run(o);
            output.WriteLine($"{spec}: mse={mse:E3} t={elapsed.TotalSeconds:F1}s steps={steps}");
        }
    }
}

public sealed class ForecasterCosts(ITestOutputHelper output)
{
    [SkippableFact]
    public void Measure()
    {
        Skip.If(Environment.GetEnvironmentVariable("MODEL_COSTS") is null, "set MODEL_COSTS=1 to measure");
        using var forecaster = new Streaming.Model.Forecasting.GruForecaster(new ModelOptions());
        var random = new Random(1);
        float[] windows = Enumerable.Range(0, 1024 * 10).Select(_ => random.NextSingle()).ToArray();
        float[] targets = new float[1024];
        for (int i = 0; i < 100; i++)
        {
            forecaster.Learn(windows.AsSpan(i * 10, 10), targets.AsSpan(i, 1));
        }

        foreach (int b in new[] { 1, 64, 256, 1024 })
        {
            var predictions = new float[b];
            int iterations = Math.Max(200, 20000 / b);
            for (int i = 0; i < 50; i++)
            {
                forecaster.Predict(windows.AsSpan(0, b * 10), predictions);
            }

            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < iterations; i++)
            {
                forecaster.Predict(windows.AsSpan(0, b * 10), predictions);
            }

            double us = sw.Elapsed.TotalMicroseconds / iterations;
            output.WriteLine($"Predict B={b}: {us:F0} µs/call, {b / us * 1e6:F0} windows/s");
        }

        foreach (int b in new[] { 1, 64, 256 })
        {
            int iterations = 300;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < iterations; i++)
            {
                forecaster.Learn(windows.AsSpan(0, b * 10), targets.AsSpan(0, b));
            }

            output.WriteLine($"working set {Environment.WorkingSet / 1e6:F0} MB");
            output.WriteLine($"Learn B={b} (default options: 1 step, mini-batch 64): {sw.Elapsed.TotalMicroseconds / iterations:F0} µs/call");
        }
    }
}
