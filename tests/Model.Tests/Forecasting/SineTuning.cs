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
