using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.State;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// Exactly-once publishing: everything the model thread hands on goes out in Kafka transactions of at most
/// <c>Pipeline:TransactionIntervalMs</c>, each committing, together and atomically, the outputs of a run of input
/// records, the state snapshots taken meanwhile and, per input partition touched, its position record (snapshot
/// offset, and the offset up to which outputs are now committed). A restart reads the positions back and publishes
/// from there, so no input point gets a second prediction; a consumer with <c>isolation.level=read_committed</c> never
/// sees an aborted one. A failed transaction stops the worker: its restart resumes from the last committed one.
/// </summary>
public sealed partial class TransactionalWriter(OutputPublisher publisher, CompactedTopics topics,
    TimeSpan interval, TimeSpan timeout, ILogger<TransactionalWriter> logger)
{
    /// <summary>The writer of the worker's state topics, with <c>Pipeline:TransactionIntervalMs</c> and its shutdown timeout.</summary>
    public TransactionalWriter(OutputPublisher publisher, StateSettings state, IOptions<PipelineOptions> pipeline, ILogger<TransactionalWriter> logger)
        : this(publisher, state.Topics ?? throw new InvalidOperationException("Exactly-once needs the state topics (State:Enabled)."),
            TimeSpan.FromMilliseconds(pipeline.Value.TransactionIntervalMs), TimeSpan.FromSeconds(pipeline.Value.ShutdownTimeoutSeconds), logger)
    {
    }

    private readonly Dictionary<int, PartitionPosition> _positions = [];
    private readonly HashSet<int> _touched = [];
    private readonly List<Action> _afterCommit = [];
    private long _openedAt;
    private bool _open;

    /// <summary>Runs until <paramref name="reader"/> completes; <paramref name="publish"/> produces a point's outputs.</summary>
    public void Run(ChannelReader<PublishRequest> reader, Action<PublishRequest, Action> publish, Func<PublishRequest, Action> completion)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(completion);
        publisher.InitTransactions(timeout);
        while (true)
        {
            if (!reader.TryRead(out var item))
            {
                // Idle: make what is written visible now rather than at the interval.
                Commit();
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    break;
                }

                continue;
            }

            Handle(item, publish, completion);
            if (_open && Stopwatch.GetElapsedTime(_openedAt) >= interval)
            {
                Commit();
            }
        }

        Commit();
    }

    private void Handle(PublishRequest item, Action<PublishRequest, Action> publish, Func<PublishRequest, Action> completion)
    {
        switch (item.Kind)
        {
            case PublishRequestKind.Point:
                Open();
                publish(item, () => { });
                Advance(item);
                _afterCommit.Add(completion(item));
                break;
            case PublishRequestKind.Replayed:
                // Its output was committed before; the position already covers it.
                _afterCommit.Add(completion(item));
                break;
            case PublishRequestKind.State:
                WriteSnapshot(item.Snapshot!);
                break;
            case PublishRequestKind.Barrier:
                Commit();
                item.Done!.TrySetResult();
                break;
        }
    }

    private void Advance(PublishRequest item)
    {
        var source = item.Source!.Source;
        var partition = source.Partition.Value;
        var next = source.Offset.Value + 1;
        var snapshot = _positions.TryGetValue(partition, out var known) ? known.SnapshotOffset : -1;
        _positions[partition] = new PartitionPosition(snapshot, next);
        _touched.Add(partition);
    }

    private void WriteSnapshot(SnapshotRecords snapshot)
    {
        if (snapshot.Restored is { } restored && snapshot.InputPartition is { } owned)
        {
            // A partition just restored: remember where its state and outputs stand, write nothing.
            _positions[owned] = restored;
            return;
        }

        Open();
        foreach (var record in snapshot.Records)
        {
            publisher.PublishState(record, () => { });
        }

        // A chunk with more to follow leaves the position alone: its series records carry their own offsets.
        if (snapshot.InputPartition is { } partition && !snapshot.Partial)
        {
            var output = _positions.TryGetValue(partition, out var known) ? known.OutputOffset : snapshot.SnapshotOffset;
            _positions[partition] = new PartitionPosition(snapshot.SnapshotOffset, Math.Max(output, snapshot.SnapshotOffset));
            _touched.Add(partition);
        }
    }

    private void Open()
    {
        if (_open)
        {
            return;
        }

        publisher.BeginTransaction();
        _open = true;
        _openedAt = Stopwatch.GetTimestamp();
    }

    private void Commit()
    {
        if (_open)
        {
            CommitOpen();
        }

        // Offsets move on only after the commit: replayed records ride along with the next one.
        foreach (var done in _afterCommit)
        {
            done();
        }

        _afterCommit.Clear();
    }

    private void CommitOpen()
    {
        foreach (var partition in _touched)
        {
            publisher.PublishState(PublishLoop.PositionRecord(topics, partition, _positions[partition]), () => { });
        }

        try
        {
            publisher.CommitTransaction(timeout);
        }
        catch (KafkaException ex)
        {
            LogCommitFailed(logger, ex.Error.Code, ex.Error.Reason);
            throw;
        }

        _open = false;
        _touched.Clear();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Transaction commit failed ({Code}: {Reason}); the worker stops and its restart resumes from the last committed transaction")]
    private static partial void LogCommitFailed(ILogger logger, ErrorCode code, string reason);
}
