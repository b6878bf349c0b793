using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Offsets;
using Streaming.Worker.Output;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The publish thread: serialises and produces what the model thread decided, in the order it decided it, so that
/// JSON and the Kafka client's per-message cost run beside the model instead of after it. Each input's offset is
/// released to the consumer only when all its outputs are delivered.
/// </summary>
public sealed partial class PublishLoop
{
    private readonly Channel<Outbound> _outbound;
    private readonly OutputPublisher _publisher;
    private readonly OffsetTracker _tracker;
    private readonly Action<string, int, long> _storeOffset;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private Task? _thread;

    /// <summary>Wires the loop; <paramref name="storeOffset"/> receives (topic, partition, next offset to commit).</summary>
    public PublishLoop(Channel<Outbound> outbound, OutputPublisher publisher, OffsetTracker tracker, Action<string, int, long> storeOffset,
        DetectorMetrics metrics, ILogger<PublishLoop> logger)
    {
        _metrics = metrics;
        _outbound = outbound;
        _publisher = publisher;
        _tracker = tracker;
        _storeOffset = storeOffset;
        _logger = logger;
    }

    /// <summary>True while the publish thread runs (started, not finished or failed).</summary>
    public bool IsRunning => _thread is { IsCompleted: false };

    /// <summary>Runs until the model thread completes the channel; the task fails if the loop does.</summary>
    public Task RunOnOwnThread() => _thread = DedicatedThread.Run("publish", Run, ex =>
    {
        LogLoopFailed(_logger, ex);
        // Closing the channel stops the model thread too instead of leaving it blocked on a full channel.
        _outbound.Writer.TryComplete(ex);
    });

    private void Run()
    {
        var reader = _outbound.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                if (item.Detection is { } detection)
                {
                    _publisher.PublishDetection(detection, item.Source, Completion(item));
                }
                else
                {
                    LogDeadLetter(_logger, item.Source.Source, item.Source.Decoded.Detail);
                    _publisher.PublishDeadLetter(item.Source, Completion(item));
                }
            }
        }
    }

    private Action Completion(Outbound item)
    {
        var source = item.Source.Source;
        var receivedAt = item.Source.ReceivedAt;
        var valid = item.Detection is not null;
        var published = Stopwatch.GetTimestamp();
        return () =>
        {
            _metrics.Stage("delivery", published);
            if (valid)
            {
                _metrics.PointOut(receivedAt);
            }

            if (_tracker.Complete(source.Topic, source.Partition.Value, source.Offset.Value, out var commitOffset))
            {
                _storeOffset(source.Topic, source.Partition.Value, commitOffset);
            }
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead-lettering {Source}: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, Confluent.Kafka.TopicPartitionOffset source, string? reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The publish loop failed; the worker stops (undelivered offsets are not committed)")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
