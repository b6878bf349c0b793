using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Pipeline;

namespace Streaming.Worker.State;

/// <summary>
/// The consume thread's side of state that follows its partition. On assignment it reads the new partitions' state
/// (series records and position) from the state topic, tells the model thread to restore it before their first
/// record, and starts reading each partition at its snapshot offset; records up to where outputs were already
/// delivered then rebuild state without being published again. On revocation it waits until the model thread has
/// saved the partitions and everything they produced is delivered, so their next owner goes on where this one stopped.
/// </summary>
public sealed partial class PartitionHandover(
    PartitionCommands commands,
    CompactedTopics? topics,
    CompactedTopicReader reader,
    bool exactlyOnce,
    TimeSpan timeout,
    Func<bool> pipelineRunning,
    ILogger<PartitionHandover> logger) : IPartitionLifecycle
{
    /// <summary>The handover of the worker's pipeline: it waits on partitions only while both its loops run.</summary>
    public PartitionHandover(PartitionCommands commands, StateSettings state, CompactedTopicReader reader, ModelLoop model, PublishLoop publish,
        ILogger<PartitionHandover> logger)
        : this(commands, state.Topics, reader, state.ExactlyOnce, state.Timeout, () => model.IsRunning && publish.IsRunning, logger)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<TopicPartitionOffset> Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions, long handedOut)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(partitions);
        if (topics is null || partitions.Count == 0)
        {
            return [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))];
        }

        Dictionary<int, SavedPartition> saved;
        try
        {
            saved = Read(partitions.Select(p => p.Partition.Value).ToList());
        }
        catch (Exception ex) when (!exactlyOnce && ex is TimeoutException or KafkaException)
        {
            // At-least-once can go on cold from the group's offsets; exactly-once cannot without its positions, and fails
            // the consume loop instead (the worker stops and its restart tries again).
            LogStateUnreadable(logger, partitions, ex.Message);
            saved = partitions.ToDictionary(p => p.Partition.Value, _ => new SavedPartition());
        }

        // The group's offsets matter only where at-least-once resumes from a saved position; asking for them otherwise
        // would only hold the rebalance (the callback blocks it) for a broker round trip, or a timeout.
        var committed = !exactlyOnce && saved.Values.Any(s => s.Position is not null) ? Committed(consumer, partitions) : [];
        var start = new List<TopicPartitionOffset>(partitions.Count);
        var restored = new List<RestoredPartition>(partitions.Count);
        foreach (var tp in partitions)
        {
            var p = tp.Partition.Value;
            var state = saved[p];
            var groupOffset = committed.GetValueOrDefault(p, -1);
            long replayUntil;
            Offset from;
            if (state.Position is { } position)
            {
                // Resume at the snapshot; records up to the last delivered output rebuild state only. At-least-once
                // writes a position only after every output before it is delivered, so the group's commit can lag it.
                replayUntil = exactlyOnce ? position.OutputOffset : Math.Max(position.SnapshotOffset, groupOffset);
                from = position.SnapshotOffset >= 0 ? new Offset(position.SnapshotOffset) : Offset.Beginning;
            }
            else
            {
                replayUntil = 0;
                from = Offset.Unset;
            }

            start.Add(new TopicPartitionOffset(tp, from));
            restored.Add(new RestoredPartition(p, state.Series, replayUntil, state.Position));
        }

        commands.Post(new AssignCommand(handedOut, restored));
        return start;
    }

    /// <inheritdoc />
    public void Revoked(IReadOnlyList<TopicPartition> partitions, long handedOut, bool lost)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.Count == 0 || !pipelineRunning())
        {
            // Stopping: the model thread has already saved everything on its way out.
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        commands.Post(new RevokeCommand(handedOut, [.. partitions.Select(p => p.Partition.Value)], lost, done));
        var deadline = DateTime.UtcNow + timeout;
        while (!done.Task.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (!pipelineRunning() || DateTime.UtcNow > deadline)
            {
                LogHandOverIncomplete(logger, partitions, timeout.TotalSeconds);
                return;
            }
        }
    }

    private Dictionary<int, SavedPartition> Read(List<int> partitions)
    {
        var statePartitions = topics!.StatePartitions;
        var saved = partitions.ToDictionary(p => p, _ => new SavedPartition());
        var toRead = partitions.Select(p => StateKeys.StatePartition(p, statePartitions)).Distinct()
            .Select(sp => new TopicPartition(topics.StateTopic, new Partition(sp))).ToList();
        var prefixes = partitions.ToDictionary(StateKeys.Prefix);
        reader.ReadToEnd(toRead, record =>
        {
            if (record.Message.Key is not { } keyBytes)
            {
                return;
            }

            var key = Encoding.UTF8.GetString(keyBytes);
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !prefixes.TryGetValue(key[..(slash + 1)], out var p))
            {
                return;
            }

            saved[p].Add(key, p, record.Message.Value, logger);
        }, timeout);
        foreach (var (p, s) in saved)
        {
            LogRead(logger, p, s.Series.Count, s.Position?.SnapshotOffset ?? -1, s.Position?.OutputOffset ?? -1);
        }

        return saved;
    }

    private Dictionary<int, long> Committed(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        try
        {
            return consumer.Committed(partitions, timeout).Where(c => c.Offset.Value >= 0).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        }
        catch (KafkaException ex)
        {
            LogCommittedUnknown(logger, ex.Error.Reason);
            return [];
        }
    }

    /// <summary>The newest state of one input partition as read from the state topic.</summary>
    private sealed class SavedPartition
    {
        private readonly Dictionary<string, long> _asOf = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Series { get; } = new(StringComparer.Ordinal);

        public PartitionPosition? Position { get; private set; }

        public void Add(string key, int partition, byte[]? value, ILogger logger)
        {
            if (key == StateKeys.Position(partition))
            {
                if (value is null)
                {
                    Position = null;
                    return;
                }

                try
                {
                    var position = PartitionPosition.Decode(value);
                    // Positions only move forward; a late retry of an older one must not move it back.
                    if (Position is null || position.SnapshotOffset >= Position.SnapshotOffset)
                    {
                        Position = position;
                    }
                }
                catch (InvalidDataException ex)
                {
                    LogBadPosition(logger, partition, ex.Message);
                }

                return;
            }

            if (StateKeys.SeriesOf(key, partition) is not { } series)
            {
                return;
            }

            if (value is null)
            {
                Series.Remove(series);
                _asOf.Remove(series);
                return;
            }

            // The newest state wins, by its asOf offset rather than by arrival: a retried write may land late.
            var asOf = SeriesRecordCodec.ReadAsOf(value);
            if (!_asOf.TryGetValue(series, out var known) || asOf >= known)
            {
                Series[series] = value;
                _asOf[series] = asOf;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "State of partition {Partition}: {Series} series, snapshot offset {SnapshotOffset}, output offset {OutputOffset}")]
    private static partial void LogRead(ILogger logger, int partition, int series, long snapshotOffset, long outputOffset);

    [LoggerMessage(Level = LogLevel.Error, Message = "State of {Partitions} could not be read ({Reason}); their series start cold")]
    private static partial void LogStateUnreadable(ILogger logger, IReadOnlyList<TopicPartition> partitions, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committed offsets unknown ({Reason}); replay bounds come from the state topic alone")]
    private static partial void LogCommittedUnknown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: unreadable position record ignored ({Reason})")]
    private static partial void LogBadPosition(ILogger logger, int partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-over of {Partitions} not confirmed within {Seconds} s; their next owner may replay or re-read some points")]
    private static partial void LogHandOverIncomplete(ILogger logger, IReadOnlyList<TopicPartition> partitions, double seconds);
}
