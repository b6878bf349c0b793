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

    private readonly Channel<PublishRequest> _outbound;
    private readonly OutputPublisher _publisher;
    private readonly OffsetTracker _tracker;
    private readonly Action<string, int, long> _storeOffset;
    private readonly CompactedTopics? _topics;
    private readonly TransactionalWriter? _transactions;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
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
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
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
                        _publisher.Flush(FlushTimeout);
                        item.Done!.TrySetResult();
                        break;
                }
            }
        }
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

    private void WriteSnapshot(SnapshotRecords snapshot)
    {
        if (snapshot.Records.Count == 0 || _topics is null)
        {
            return;
        }

        foreach (var record in snapshot.Records)
        {
            _publisher.PublishState(record, () => { });
        }

        if (snapshot.InputPartition is not { } partition)
        {
            return;
        }

        // The position says "resume here": only true once the snapshot and every output before it are on the broker.
        if (_publisher.Flush(FlushTimeout) > 0)
        {
            LogPositionNotWritten(_logger, partition);
            return;
        }

        var position = new PartitionPosition(snapshot.SnapshotOffset, -1);
        _publisher.PublishState(PositionRecord(_topics, partition, position), () => { });
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
