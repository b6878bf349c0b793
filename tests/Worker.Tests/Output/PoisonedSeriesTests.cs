using System.Text.Json;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.Output;
using Xunit.Abstractions;

namespace Streaming.Worker.Tests.Output;

/// <summary>One shared model serves every series: a hostile one must not poison the others' predictions.</summary>
public sealed class PoisonedSeriesTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelOptions Model = new() { WindowSize = 5, HiddenSize = 16, TrainBatchSize = 16 };

    [Fact]
    public void A_series_alternating_1e308_minus_1e308_and_1e_300_leaves_the_other_predictions_as_they_were()
    {
        var clean = Run(hostile: null);
        var attacked = Run(i => (i % 3) switch { 0 => 1e308, 1 => -1e308, _ => 1e-300 });

        // Nothing of the hostile series is learnable (its range overflows a double), so nothing else may change.
        var worst = Compare(clean, attacked, "±1e308, 1e-300");
        Assert.Equal(0, worst);
        Assert.Equal(0, clean.Rejected);
        Assert.True(attacked.Rejected > 590, $"{attacked.Rejected} hostile pairs refused for learning");
    }

    [Fact]
    public void A_series_with_1e30_spikes_leaves_the_other_series_predicted_about_as_well_as_without_the_spikes()
    {
        var control = Run(i => Math.Cos(i / 3.0));
        var attacked = Run(i => i % 7 == 6 ? 1e30 : Math.Cos(i / 3.0));

        // Scaled by the spike's range, the windows after a spike are bounded and still learned, and they teach the
        // shared model a shape of their own (as any series does), so the others' predictions move; what must hold is
        // that they stay finite and about as accurate as beside the same series without spikes.
        Compare(control, attacked, "1e30 spikes");
        double controlError = MeanAbsoluteError(control, from: 300);
        double attackedError = MeanAbsoluteError(attacked, from: 300);
        output.WriteLine($"mean absolute error of the clean series, minutes 300-599 (range 20): {controlError:F3} beside cos, {attackedError:F3} beside cos with 1e30 spikes");
        Assert.True(attackedError < 2 * controlError, $"{attackedError} vs {controlError}");
        Assert.True(attacked.Rejected > 0, "the pairs whose target is a spike should have been refused for learning");
    }

    private double Compare(Outcome expected, Outcome actual, string label)
    {
        double worst = 0;
        Assert.Equal(expected.Predictions.Count, actual.Predictions.Count);
        foreach (var (key, value) in expected.Predictions)
        {
            double other = actual.Predictions[key];
            Assert.True(double.IsFinite(other), $"{key}: {other}");
            worst = Math.Max(worst, Math.Abs(other - value));
        }

        output.WriteLine($"{label}: {expected.Predictions.Count} predictions compared, largest difference {worst:G3}, rollbacks {actual.Rollbacks}, pairs not learned {actual.Rejected}");
        return worst;
    }

    private static double MeanAbsoluteError(Outcome outcome, int from) =>
        outcome.Predictions.Where(p => p.Key.Minute >= from).Average(p => Math.Abs(p.Value - Value(p.Key.Series, p.Key.Minute)));

    private static double Value(string series, int minute) => series == "sine" ? 10 * Math.Sin(minute / 5.0) : (minute % 20) - 10;

    // Each minute: the clean series in one batch, the hostile one (if any) in the next, so that the clean series are
    // learned in the same batches with or without it.
    private static Outcome Run(Func<int, double>? hostile)
    {
        using var forecaster = new GruForecaster(Model);
        var engine = new DetectionEngine(forecaster, new ScoringOptions(), () => ScalerFactory.Create(ScalerKind.MinMax));
        var predictions = new Dictionary<(string Series, int Minute), double>();
        var results = new DetectionResult[2];
        for (var i = 0; i < 600; i++)
        {
            var time = T0.AddMinutes(i);
            engine.Process([new("sine", time, Value("sine", i)), new("saw", time, Value("saw", i))], results);
            foreach (var result in results)
            {
                if (result.Predicted is { } predicted)
                {
                    predictions[(result.Point.SeriesId, i)] = predicted;
                }
            }

            if (hostile is not null)
            {
                engine.Process([new SensorPoint("hostile", time, hostile(i))], results);
                // A hostile point gets its result too, and it serialises (a non-finite prediction is written as null).
                Assert.Equal("hostile", results[0].Point.SeriesId);
                using var json = JsonDocument.Parse(DetectionJson.Serialize(results[0], false));
            }
        }

        return new(predictions, forecaster.Rollbacks, forecaster.RejectedPairs);
    }

    private sealed record Outcome(Dictionary<(string Series, int Minute), double> Predictions, long Rollbacks, long Rejected);
}
