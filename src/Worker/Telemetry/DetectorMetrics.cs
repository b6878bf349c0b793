using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Streaming.Worker.Telemetry;

/// <summary>
/// The worker's instruments (meter <c>Streaming.Detector</c>): points in and out, dead letters by reason, anomalies
/// by severity, duplicate and late points, model rollbacks by reason, consumer lag, batch sizes, training loss, and latency histograms in seconds per stage
/// (<c>queue</c>: read → taken by the model thread; <c>model</c>: one batch through the detector; <c>delivery</c>:
/// handed to the producer → all outputs acknowledged), read → prediction handed to the producer (the worker's own
/// share of a point's latency) and end to end (read → all outputs acknowledged).
/// </summary>
public sealed class DetectorMetrics : IDisposable
{
    /// <summary>Name of the meter, for exporters and listeners.</summary>
    public const string MeterName = "Streaming.Detector";

    // Latencies span microseconds (a queue hop) to seconds (a broker outage): the exporter's default
    // millisecond-sized buckets would put everything in the first one.
    private static readonly double[] LatencyBuckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _pointsIn;
    private readonly Counter<long> _pointsOut;
    private readonly Counter<long> _predictions;
    private readonly Counter<long> _anomalies;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _deliveryRetries;
    private readonly Counter<long> _rollbacks;
    private readonly Counter<long> _outOfOrder;
    private readonly Counter<long> _learnable;
    private readonly Counter<long> _learned;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _trainingLoss;
    private readonly Histogram<double> _stageLatency;
    private readonly Histogram<double> _handOver;
    private readonly Histogram<double> _endToEnd;
    private IReadOnlyDictionary<string, long> _lag = new Dictionary<string, long>();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public DetectorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _pointsIn = _meter.CreateCounter<long>("detector.points.in", "{message}", "Input messages read (valid or not)");
        _pointsOut = _meter.CreateCounter<long>("detector.points.out", "{point}", "Valid points whose outputs were all delivered");
        _predictions = _meter.CreateCounter<long>("detector.predictions.out", "{message}", "Prediction messages delivered");
        _anomalies = _meter.CreateCounter<long>("detector.anomalies", "{point}", "Points flagged as anomalies, by severity");
        _deadLetters = _meter.CreateCounter<long>("detector.dead_letters", "{message}", "Input messages dead-lettered, by reason");
        _deliveryRetries = _meter.CreateCounter<long>("detector.delivery.retries", "{message}", "Output deliveries retried after an error");
        _rollbacks = _meter.CreateCounter<long>("detector.model.rollbacks", "{rollback}", "Training steps undone and the last good weights put back, by reason");
        _outOfOrder = _meter.CreateCounter<long>("detector.points.out_of_order", "{point}", "Points not newer than their series' last one (predicted only), by kind: duplicate or late");
        _learnable = _meter.CreateCounter<long>("detector.points.learnable", "{point}", "Predicted points the model could learn from (window full, in order)");
        _learned = _meter.CreateCounter<long>("detector.points.learned", "{point}", "Learnable points the model learned from; the others had no time (Pipeline:LearnTimeShare)");
        _batchSize = _meter.CreateHistogram<int>("detector.batch.size", "{point}", "Valid points per model batch",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });
        _trainingLoss = _meter.CreateHistogram<double>("detector.training.loss", null, "MSE of the online training steps (scaled units)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1] });
        _stageLatency = _meter.CreateHistogram<double>("detector.stage.duration", "s", "Time spent per pipeline stage (tag stage)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _handOver = _meter.CreateHistogram<double>("detector.handover.latency", "s", "From reading a point to its prediction handed to the producer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _endToEnd = _meter.CreateHistogram<double>("detector.latency", "s", "From reading a point to all its outputs delivered",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _meter.CreateObservableGauge("detector.consumer.lag", ObserveLag, "{message}", "Messages behind the end of the input partitions this worker owns (librdkafka statistics)");
    }

    /// <summary>Counts input messages.</summary>
    public void PointsIn(int count) => _pointsIn.Add(count);

    /// <summary>Counts a valid point whose outputs are all delivered; <paramref name="receivedAt"/> is its read time (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void PointOut(long receivedAt)
    {
        _pointsOut.Add(1);
        if (receivedAt != 0)
        {
            _endToEnd.Record(Stopwatch.GetElapsedTime(receivedAt).TotalSeconds);
        }
    }

    /// <summary>Records the time from a point's read (<paramref name="receivedAt"/>) to its outputs handed to the producer, now.</summary>
    public void HandedOver(long receivedAt)
    {
        if (receivedAt != 0)
        {
            _handOver.Record(Stopwatch.GetElapsedTime(receivedAt).TotalSeconds);
        }
    }

    /// <summary>Counts a delivered prediction.</summary>
    public void PredictionDelivered() => _predictions.Add(1);

    /// <summary>Counts a flagged point.</summary>
    public void Anomaly(string severity) => _anomalies.Add(1, new KeyValuePair<string, object?>("severity", severity));

    /// <summary>Counts a dead letter by its error code.</summary>
    public void DeadLetter(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a retried delivery.</summary>
    public void DeliveryRetried() => _deliveryRetries.Add(1);

    /// <summary>Counts a rollback of the model to its last good weights, by reason.</summary>
    public void ModelRolledBack(string reason) => _rollbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a point that stood aside because it was not newer than its series' last one (<c>duplicate</c> or <c>late</c>).</summary>
    public void OutOfOrder(string kind) => _outOfOrder.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts points of a batch that the model could learn from.</summary>
    public void Learnable(int points) => _learnable.Add(points);

    /// <summary>Counts points the model learned from.</summary>
    public void Learned(int points) => _learned.Add(points);

    /// <summary>Records a model batch.</summary>
    public void Batch(int points, float loss)
    {
        _batchSize.Record(points);
        if (float.IsFinite(loss))
        {
            _trainingLoss.Record(loss);
        }
    }

    /// <summary>Records the time a stage took since <paramref name="since"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Stage(string stage, long since)
    {
        if (since != 0)
        {
            _stageLatency.Record(Stopwatch.GetElapsedTime(since).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>Replaces the consumer lag per topic (from librdkafka's statistics).</summary>
    public void ConsumerLag(IReadOnlyDictionary<string, long> lagByTopic) => Volatile.Write(ref _lag, lagByTopic);

    private IEnumerable<Measurement<long>> ObserveLag() =>
        Volatile.Read(ref _lag).Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>("topic", t.Key)));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
