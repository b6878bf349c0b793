using System.Diagnostics;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;

namespace Streaming.Model.Tests.Forecasting;

/// <summary>The Keras GRU example: sin(linspace(0, 100, 1000)) min-max scaled to [0, 1], windows of 10.</summary>
internal static class SineExperiment
{
    public const int Points = 1000;

    public static float[] ScaledSeries()
    {
        var raw = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            raw[i] = Math.Sin(100.0 * i / (Points - 1));
        }

        double min = raw.Min();
        double max = raw.Max();
        return raw.Select(v => (float)((v - min) / (max - min))).ToArray();
    }

    /// <summary>Predict-then-learn over the first 80%, then one-step MSE (scaled units²) on the last 20%.</summary>
    public static (double TestMse, TimeSpan Elapsed, long Steps) Run(ModelOptions options)
    {
        float[] series = ScaledSeries();
        int w = options.WindowSize;
        int split = Points * 8 / 10;
        var stopwatch = Stopwatch.StartNew();
        using var forecaster = new GruForecaster(options);
        var prediction = new float[1];
        for (int t = w; t < split; t++)
        {
            ReadOnlySpan<float> window = series.AsSpan(t - w, w);
            forecaster.Predict(window, prediction);
            forecaster.Learn(window, series.AsSpan(t, 1));
        }

        int tests = Points - split;
        var windows = new float[tests * w];
        for (int i = 0; i < tests; i++)
        {
            series.AsSpan(split + i - w, w).CopyTo(windows.AsSpan(i * w));
        }

        var predictions = new float[tests];
        forecaster.Predict(windows, predictions);
        double sse = 0;
        for (int i = 0; i < tests; i++)
        {
            double e = predictions[i] - series[split + i];
            sse += e * e;
        }

        return (sse / tests, stopwatch.Elapsed, forecaster.TrainingSteps);
    }
}
