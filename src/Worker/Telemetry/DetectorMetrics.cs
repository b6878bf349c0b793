using System.Diagnostics.Metrics;

namespace Streaming.Worker.Telemetry;

/// <summary>The worker's counters and histograms (meter <c>Streaming.Detector</c>).</summary>
public sealed class DetectorMetrics : IDisposable
{
    /// <summary>Name of the meter, for exporters and listeners.</summary>
    public const string MeterName = "Streaming.Detector";

    private readonly Meter _meter;
    private readonly Counter<long> _pointsIn;
    private readonly Counter<long> _predictions;
    private readonly Counter<long> _anomalies;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _deliveryRetries;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _trainingLoss;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public DetectorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _pointsIn = _meter.CreateCounter<long>("detector.points.in", "{point}", "Input messages read");
        _predictions = _meter.CreateCounter<long>("detector.predictions.out", "{point}", "Prediction messages delivered");
        _anomalies = _meter.CreateCounter<long>("detector.anomalies", "{point}", "Points flagged as anomalies");
        _deadLetters = _meter.CreateCounter<long>("detector.dead_letters", "{message}", "Input messages dead-lettered, by reason");
        _deliveryRetries = _meter.CreateCounter<long>("detector.delivery.retries", "{message}", "Output deliveries retried after an error");
        _batchSize = _meter.CreateHistogram<int>("detector.batch.size", "{point}", "Points per model batch");
        _trainingLoss = _meter.CreateHistogram<double>("detector.training.loss", null, "MSE of the online training steps (scaled units)");
    }

    /// <summary>Counts input messages.</summary>
    public void PointsIn(int count) => _pointsIn.Add(count);

    /// <summary>Counts a delivered prediction.</summary>
    public void PredictionDelivered() => _predictions.Add(1);

    /// <summary>Counts a flagged point.</summary>
    public void Anomaly() => _anomalies.Add(1);

    /// <summary>Counts a dead letter by its error code.</summary>
    public void DeadLetter(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a retried delivery.</summary>
    public void DeliveryRetried() => _deliveryRetries.Add(1);

    /// <summary>Records a model batch.</summary>
    public void Batch(int points, float loss)
    {
        _batchSize.Record(points);
        if (float.IsFinite(loss))
        {
            _trainingLoss.Record(loss);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
