using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Ingest.Points;
using Streaming.Worker.Detection;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The model thread: takes what the consume thread decoded in batches of up to <c>Pipeline:MaxBatchSize</c>, runs
/// the detector over the valid points and hands every record, in order, to the publish thread (valid ones with
/// their detection, bad ones for the dead-letter topic). TorchSharp work stays on this one thread (its no-grad
/// mode and scratch memory are per thread). While more than a batch waits behind the current one, the model
/// learns from only <c>Pipeline:LearnShareWhenBehind</c> of the points, so that a burst is predicted on time
/// rather than queued behind training; predictions are never skipped.
/// </summary>
public sealed partial class ModelLoop
{
    private readonly ChannelReader<InboundRecord> _records;
    private readonly ChannelWriter<Outbound> _outbound;
    private readonly DetectionEngine _engine;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly double _learnShareWhenBehind;

    /// <summary>Wires the loop between the consume thread's records and the publish thread's channel.</summary>
    public ModelLoop(ChannelReader<InboundRecord> records, ChannelWriter<Outbound> outbound, DetectionEngine engine,
        DetectorMetrics metrics, ILogger<ModelLoop> logger, int maxBatch, double learnShareWhenBehind)
    {
        _records = records;
        _outbound = outbound;
        _engine = engine;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = maxBatch;
        _learnShareWhenBehind = learnShareWhenBehind;
    }

    private Task? _thread;

    /// <summary>True while the model thread runs (started, not finished or failed).</summary>
    public bool IsRunning => _thread is { IsCompleted: false };

    /// <summary>Runs the loop on a dedicated thread until the records channel completes; then completes the outbound channel.</summary>
    public Task RunOnOwnThread() => _thread = DedicatedThread.Run("model", Run, ex =>
    {
        LogLoopFailed(_logger, ex);
        _outbound.TryComplete(ex);
    });

    private void Run()
    {
        var batch = new List<InboundRecord>(_maxBatch);
        var points = new SensorPoint[_maxBatch];
        var results = new DetectionResult[_maxBatch];
        while (_records.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _records.TryRead(out var record))
            {
                _metrics.Stage("queue", record.ReceivedAt);
                batch.Add(record);
            }

            _metrics.PointsIn(batch.Count);
            var valid = 0;
            foreach (var record in batch)
            {
                if (record.Decoded.IsValid)
                {
                    points[valid++] = record.Decoded.Point;
                }
            }

            if (valid > 0)
            {
                var behind = _records.CanCount && _records.Count >= _maxBatch;
                var modelStart = Stopwatch.GetTimestamp();
                _engine.Process(points.AsSpan(0, valid), results.AsSpan(0, valid), behind ? _learnShareWhenBehind : 1.0);
                _metrics.Stage("model", modelStart);
                _metrics.Batch(valid, _engine.LastTrainingLoss);
            }

            // Hand on in consume order, so a series' outputs keep the order of its inputs.
            var next = 0;
            foreach (var record in batch)
            {
                var item = record.Decoded.IsValid ? new Outbound(record, results[next++]) : new Outbound(record, null);
                while (!_outbound.TryWrite(item))
                {
                    // Full: the publish thread is behind. A closed channel means it failed, and so must this loop.
                    if (!_outbound.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
                    {
                        throw new InvalidOperationException("The publish thread stopped; no output can be delivered.");
                    }
                }
            }
        }

        _outbound.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The model loop failed; the worker stops (undelivered offsets are not committed)")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
