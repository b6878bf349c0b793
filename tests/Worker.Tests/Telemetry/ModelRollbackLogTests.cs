using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Model.Forecasting;
using Streaming.Worker.Hosting;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Telemetry;

public sealed class ModelRollbackLogTests
{
    [Fact]
    public void The_worker_s_forecaster_reports_a_rollback_as_a_warning_and_in_the_metric()
    {
        var logs = new CapturingLoggerProvider();
        var builder = DetectorHost.CreateBuilder([],
        [
            new("Model:HiddenSize", "8"),
            new("Model:TrainBatchSize", "4"),
            new("Model:MaxScaledInput", "1e38"),
        ]);
        builder.Logging.AddProvider(logs);
        using var host = builder.Build();
        var forecaster = host.Services.GetRequiredService<GruForecaster>();
        var reasons = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DetectorMetrics.MeterName && instrument.Name == "detector.model.rollbacks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Assert.Equal(1, value);
            reasons.Add((string)tags.ToArray().Single(t => t.Key == "reason").Value!);
        });
        listener.Start();
        _ = host.Services.GetRequiredService<DetectorMetrics>();

        var windows = new float[4 * forecaster.WindowSize];
        Array.Fill(windows, 0.5f);
        forecaster.TrainStep(windows, [0.5f, 0.4f, 0.6f, 0.5f]);
        forecaster.TrainStep(windows, [0.5f, 0.4f, 1e30f, 0.5f]); // squared, the error overflows: the loss is +infinity

        Assert.Equal(["non-finite-loss"], reasons);
        Assert.Contains(logs.Messages, m => m.StartsWith("Model training step undone (non-finite-loss: loss Infinity", StringComparison.Ordinal));
    }
}
