using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Tools.Nab;
using Streaming.Tools.Offline;
using TorchSharp;

namespace Streaming.Bench.Quality;

/// <summary>
/// Windowed vs streaming GRU side by side, model alone (no scaler, scorer or broker): online predict-then-learn, one
/// point at a time, on the Keras lesson's sine (prequential MSE on the first 80%, then frozen one-step MSE on the last
/// 20%) and prequential MSE on NAB files (each scaled to [0, 1] by its own whole range, the same for both modes); then
/// the cost per point of prediction at batch sizes 1 to 1024. MSE in scaled units².
/// </summary>
public static class StreamingQualityBench
{
    private static readonly string[] DefaultNabFiles =
    [
        "artificialWithAnomaly/art_daily_jumpsup.csv", "realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv",
        "realTraffic/occupancy_6005.csv", "realAdExchange/exchange-2_cpc_results.csv",
    ];

    /// <summary>Runs everything and prints one line per measurement.</summary>
    public static int Run(string? nabDirectory, IEnumerable<KeyValuePair<string, string?>> config)
    {
        torch.set_num_threads(1);
        var options = new ModelOptions();
        new ConfigurationBuilder().AddInMemoryCollection(config).Build().GetSection(ModelOptions.Section).Bind(options);
        Console.WriteLine($"options: window {options.WindowSize}, hidden {options.HiddenSize}, batch {options.TrainBatchSize}, samples/point {options.TrainSamplesPerPoint}, lr {options.LearningRate}, seed {options.Seed}");
        var sine = LessonPreset.Series().Select(v => (float)((v + 1) / 2)).ToArray();
        Compare("keras sine", sine, sine.Length * 8 / 10, options);
        if (nabDirectory is not null)
        {
            foreach (var file in DefaultNabFiles)
            {
                var rows = NabSeries.Read(nabDirectory, file).Rows.Where(r => r.IsValid).Select(r => r.Value).ToArray();
                double min = rows.Min(), span = Math.Max(rows.Max() - min, 1e-9);
                Compare(file, rows.Select(v => (float)((v - min) / span)).ToArray(), rows.Length, options);
            }
        }

        foreach (var batch in new[] { 1, 64, 256, 1024 })
        {
            Cost(batch, options);
        }

        return 0;
    }

    private static void Compare(string name, float[] series, int split, ModelOptions options)
    {
        var windowed = Windowed(series, split, options);
        var streaming = Streaming(series, split, options);
        Console.WriteLine(
            FormattableString.Invariant($"{name}: prequential mse windowed {windowed.Online:E3} streaming {streaming.Online:E3} (x{streaming.Online / windowed.Online:F2})") +
            (split < series.Length ? FormattableString.Invariant($"; test mse windowed {windowed.Test:E3} streaming {streaming.Test:E3} (x{streaming.Test / windowed.Test:F2})") : "") +
            FormattableString.Invariant($"; steps {windowed.Steps} / {streaming.Steps}; {windowed.Elapsed.TotalSeconds:F1} s / {streaming.Elapsed.TotalSeconds:F1} s"));
    }

    private static (double Online, double Test, long Steps, TimeSpan Elapsed) Windowed(float[] series, int split, ModelOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var forecaster = new GruForecaster(options);
        int w = options.WindowSize;
        var prediction = new float[1];
        double online = 0, test = 0;
        for (int t = w; t < series.Length; t++)
        {
            var window = series.AsSpan(t - w, w);
            forecaster.Predict(window, prediction);
            double e = prediction[0] - series[t];
            if (t < split)
            {
                online += e * e;
                forecaster.Learn(window, series.AsSpan(t, 1));
            }
            else
            {
                test += e * e;
            }
        }

        return (online / (split - w), test / Math.Max(1, series.Length - split), forecaster.TrainingSteps, clock.Elapsed);
    }

    private static (double Online, double Test, long Steps, TimeSpan Elapsed) Streaming(float[] series, int split, ModelOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var forecaster = new GruForecaster(options);
        var model = new StreamingGru(forecaster);
        var carry = new StreamingGruSeries(model.HiddenSize, model.ChunkSize);
        var sample = new float[model.SampleSize];
        var prediction = new float[1];
        int w = options.WindowSize;
        double online = 0, test = 0;
        for (int t = 0; t < series.Length; t++)
        {
            double e = carry.Prediction - series[t];
            if (t < split)
            {
                // Scored from the same point on as the windowed mode, whose first prediction needs a whole window.
                online += t >= w ? e * e : 0;
                if (carry.Target(series[t], sample))
                {
                    model.Add(sample);
                }

                model.Learn(1);

                carry.Input(series[t]);
            }
            else
            {
                test += e * e;
            }

            model.Step(series.AsSpan(t, 1), carry.Hidden, prediction);
            carry.Stepped(prediction[0]);
        }

        return (online / (split - w), test / Math.Max(1, series.Length - split), forecaster.TrainingSteps, clock.Elapsed);
    }

    private static void Cost(int batch, ModelOptions options)
    {
        using var forecaster = new GruForecaster(options);
        var model = new StreamingGru(forecaster);
        var windows = new float[batch * options.WindowSize];
        var inputs = new float[batch];
        var states = new float[batch * model.HiddenSize];
        var predictions = new float[batch];
        for (int i = 0; i < windows.Length; i++)
        {
            windows[i] = (float)(0.5 + (0.5 * Math.Sin(i * 0.1)));
        }

        int reps = Math.Max(20, 200_000 / batch);
        double windowed = Time(reps, () => forecaster.Predict(windows, predictions));
        double streaming = Time(reps, () => model.Step(inputs, states, predictions));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"predict cost B={batch}: windowed {windowed * 1e6 / batch:F2} µs/point, streaming step {streaming * 1e6 / batch:F2} µs/point (x{windowed / streaming:F1} cheaper)"));
    }

    // Median seconds per call over 5 rounds of reps calls, after a warm-up round.
    private static double Time(int reps, Action call)
    {
        var rounds = new double[6];
        for (int r = 0; r < rounds.Length; r++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < reps / 5; i++)
            {
                call();
            }

            rounds[r] = clock.Elapsed.TotalSeconds / (reps / 5);
        }

        return rounds.Skip(1).Order().ElementAt(2);
    }
}
