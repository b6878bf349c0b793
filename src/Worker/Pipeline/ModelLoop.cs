using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Ingest.Offsets;
using Streaming.Ingest.Points;
using Streaming.Worker.Detection;
using Streaming.Worker.Output;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The model thread: takes what the consume thread decoded in batches of up to <c>Pipeline:MaxBatchSize</c>,
/// dead-letters the bad records, runs the detector over the good ones and publishes the results. Each record's
/// offset is released to the consumer only when all its outputs are delivered. TorchSharp work stays on this
/// one thread (its no-grad mode and scratch memory are per thread).
/// </summary>
public sealed partial class ModelLoop
{
    private readonly ChannelReader<InboundRecord> _records;
    private readonly DetectionEngine _engine;
    private readonly OutputPublisher _publisher;
    private readonly OffsetTracker _tracker;
    private readonly Action<string, int, long> _storeOffset;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;

    /// <summary>Wires the loop; <paramref name="storeOffset"/> receives (topic, partition, next offset to commit).</summary>
    public ModelLoop(ChannelReader<InboundRecord> records, DetectionEngine engine, OutputPublisher publisher, OffsetTracker tracker,
        Action<string, int, long> storeOffset, DetectorMetrics metrics, ILogger<ModelLoop> logger, int maxBatch)
    {
        _records = records;
        _engine = engine;
        _publisher = publisher;
        _tracker = tracker;
        _storeOffset = storeOffset;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = maxBatch;
    }

    /// <summary>Runs the loop on a dedicated thread until the channel completes; the task fails if the loop does.</summary>
    public Task RunOnOwnThread()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                LogLoopFailed(_logger, ex);
                done.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "model" };
        thread.Start();
        return done.Task;
    }

    private void Run()
    {
        var batch = new List<InboundRecord>(_maxBatch);
        var points = new SensorPoint[_maxBatch];
        var sources = new InboundRecord[_maxBatch];
        var results = new DetectionResult[_maxBatch];
        while (_records.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _records.TryRead(out var record))
            {
                batch.Add(record);
            }

            _metrics.PointsIn(batch.Count);
            var valid = 0;
            foreach (var record in batch)
            {
                if (record.Decoded.IsValid)
                {
                    points[valid] = record.Decoded.Point;
                    sources[valid++] = record;
                }
                else
                {
                    LogDeadLetter(_logger, record.Source, record.Decoded.Detail);
                    _publisher.PublishDeadLetter(record, Completion(record));
                }
            }

            if (valid == 0)
            {
                continue;
            }

            _engine.Process(points.AsSpan(0, valid), results.AsSpan(0, valid));
            _metrics.Batch(valid, _engine.LastTrainingLoss);
            for (var i = 0; i < valid; i++)
            {
                _publisher.PublishDetection(results[i], sources[i], Completion(sources[i]));
                sources[i] = null!;
            }
        }
    }

    private Action Completion(InboundRecord record)
    {
        var source = record.Source;
        return () =>
        {
            if (_tracker.Complete(source.Topic, source.Partition.Value, source.Offset.Value, out var commitOffset))
            {
                _storeOffset(source.Topic, source.Partition.Value, commitOffset);
            }
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead-lettering {Source}: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, Confluent.Kafka.TopicPartitionOffset source, string? reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The model loop failed; the worker stops (undelivered offsets are not committed)")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
