using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Offsets;
using Streaming.Worker.Output;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The publish thread: serialises and produces what the model thread decided, in the order it decided it, so that
/// JSON and the Kafka client's per-message cost run beside the model instead of after it. At-least-once: each input's
/// offset is released to the consumer only when all its outputs are delivered, and a partition's position is written
/// only once everything before its snapshot is delivered. Exactly-once: see <see cref="TransactionalWriter"/>.
/// </summary>
public sealed partial class PublishLoop
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    // Items handled between two looks at the positions waiting for their deliveries.
    private const int PositionCheckEvery = 256;

    private readonly Channel<PublishRequest> _outbound;
    private readonly OutputPublisher _publisher;
    private readonly OffsetTracker _tracker;
    private readonly Action<string, int, long> _storeOffset;
    private readonly CompactedTopics? _topics;
    private readonly TransactionalWriter? _transactions;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<int, PendingPosition> _pending = [];
    private int _due;
    private Task? _thread;

    /// <summary>
    /// Wires the loop; <paramref name="storeOffset"/> receives (topic, partition, next offset to commit).
    /// <paramref name="transactions"/> set: exactly-once, every write inside a transaction.
    /// </summary>
    public PublishLoop(Channel<PublishRequest> outbound, OutputPublisher publisher, OffsetTracker tracker, Action<string, int, long> storeOffset,
        CompactedTopics? topics, TransactionalWriter? transactions, DetectorMetrics metrics, ILogger<PublishLoop> logger)
    {
        _metrics = metrics;
        _outbound = outbound;
        _publisher = publisher;
        _tracker = tracker;
        _storeOffset = storeOffset;
        _topics = topics;
        _transactions = transactions;
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
        if (_transactions is not null)
        {
            _transactions.Run(_outbound.Reader, Publish, Completion);
            return;
        }

        var reader = _outbound.Reader;
        var handled = 0;
        while (true)
        {
            if (!reader.TryRead(out var item))
            {
                WriteDeliveredPositions();
                if (!WaitForItems(reader))
                {
                    break;
                }

                continue;
            }

            switch (item.Kind)
            {
                case PublishRequestKind.Point:
                    Publish(item, Completion(item));
                    break;
                case PublishRequestKind.Replayed:
                    Completion(item)();
                    break;
                case PublishRequestKind.State:
                    WriteSnapshot(item.Snapshot!);
                    break;
                case PublishRequestKind.Barrier:
                    FlushWithPositions();
                    item.Done!.TrySetResult();
                    break;
            }

            if (++handled % PositionCheckEvery == 0)
            {
                WriteDeliveredPositions();
            }
        }

        FlushWithPositions();
    }

    // Positions wait for deliveries, not for items: while one waits, look again every few milliseconds.
    private bool WaitForItems(ChannelReader<PublishRequest> reader)
    {
        var more = reader.WaitToReadAsync().AsTask();
        while (_due > 0 && !more.Wait(TimeSpan.FromMilliseconds(5)))
        {
            WriteDeliveredPositions();
        }

        return more.GetAwaiter().GetResult();
    }

    /// <summary>Produces a point's outputs: its detection, or its record as a dead letter.</summary>
    private void Publish(PublishRequest item, Action onDelivered)
    {
        var source = item.Source!;
        if (item.Detection is { } detection)
        {
            _publisher.PublishDetection(detection, source, onDelivered);
            _metrics.HandedOver(source.ReceivedAt);
        }
        else
        {
            LogDeadLetter(_logger, source.Source, source.Decoded.Detail);
            _publisher.PublishDeadLetter(source, onDelivered);
        }
    }

    // The position says "resume here": true only once the snapshot and every output before it are on the broker. It
    // is written when they are, without a flush here, which held every point behind it back (2–145 ms at 10,000 series).
    private void WriteSnapshot(SnapshotRecords snapshot)
    {
        if (_topics is null || snapshot.Restored is not null)
        {
            return;
        }

        PendingPosition? pending = null;
        if (snapshot.InputPartition is { } partition && !_pending.TryGetValue(partition, out pending))
        {
            pending = new PendingPosition();
            _pending[partition] = pending;
        }

        foreach (var record in snapshot.Records)
        {
            _publisher.PublishState(record, pending?.Sent() ?? NoOp);
        }

        if (pending is null || snapshot.Partial)
        {
            return;
        }

        if (pending.Due is null)
        {
            _due++;
        }

        pending.Due = Math.Max(pending.Due ?? long.MinValue, snapshot.SnapshotOffset);
    }

    private static void NoOp()
    {
    }

    private void WriteDeliveredPositions()
    {
        if (_due == 0)
        {
            return;
        }

        foreach (var (partition, pending) in _pending)
        {
            if (pending.Due is { } offset && pending.StateDelivered && _tracker.FinishedBelow(_topics!.InputTopic, partition, offset))
            {
                WritePosition(partition, pending);
            }
        }
    }

    // A rebalance's barrier and the end: once everything is delivered, every waiting position is due.
    private void FlushWithPositions()
    {
        var left = _publisher.Flush(FlushTimeout);
        if (_due == 0)
        {
            return;
        }

        foreach (var (partition, pending) in _pending)
        {
            if (pending.Due is null)
            {
                continue;
            }

            if (left > 0)
            {
                LogPositionNotWritten(_logger, partition);
            }
            else
            {
                WritePosition(partition, pending);
            }
        }

        _publisher.Flush(FlushTimeout);
    }

    private void WritePosition(int partition, PendingPosition pending)
    {
        _publisher.PublishState(PositionRecord(_topics!, partition, new PartitionPosition(pending.Due!.Value, -1)), NoOp);
        pending.Due = null;
        _due--;
    }

    /// <summary>The state-topic record of <paramref name="partition"/>'s <paramref name="position"/>.</summary>
    internal static CompactedRecord PositionRecord(CompactedTopics topics, int partition, PartitionPosition position) =>
        new(topics.StateTopic, StateKeys.StatePartition(partition, topics.StatePartitions), StateKeys.Position(partition), position.Encode());

    private Action Completion(PublishRequest item)
    {
        var source = item.Source!.Source;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: outputs not delivered in time, its position stays where it was (a restart replays a little more)")]
    private static partial void LogPositionNotWritten(ILogger logger, int partition);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The publish loop failed; the worker stops (undelivered offsets are not committed)")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
