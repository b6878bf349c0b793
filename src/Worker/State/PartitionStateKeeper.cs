using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Worker.Options;
using Streaming.Worker.Pipeline;

namespace Streaming.Worker.State;

/// <summary>
/// The model thread's side of state that follows its partition: which series each owned input partition holds, which
/// changed since the last snapshot, how far each partition is processed; it restores series when partitions arrive,
/// saves them when they leave, and takes periodic snapshots (series that changed, and the model). Not thread-safe:
/// only the model thread calls it; the consume thread talks to it through <see cref="PartitionCommands"/>.
/// </summary>
public sealed partial class PartitionStateKeeper
{
    private readonly DetectionEngine _engine;
    private readonly PartitionCommands _commands;
    private readonly CompactedTopics? _topics;
    private readonly Func<byte[]>? _captureModel;
    private readonly ILogger _logger;
    private readonly Dictionary<int, OwnedPartition> _owned = [];
    private readonly SnapshotRound _round;

    // The partition being saved, a chunk of series per call.
    private readonly TimeSpan _chunkBudget;
    private Slice? _slice;

    /// <summary>Time a call spends encoding series by default (a whole partition of 2,500 series at once paused the model thread 40–240 ms).</summary>
    public static readonly TimeSpan DefaultChunkBudget = TimeSpan.FromMilliseconds(1);

    /// <summary>The worker's keeper: the state topics if <c>State:Enabled</c>, the model's checkpoint, <c>State:SnapshotIntervalSeconds</c>.</summary>
    public PartitionStateKeeper(DetectionEngine engine, PartitionCommands commands, StateSettings state, GruForecaster forecaster,
        IOptions<StateOptions> options, ILogger<PartitionStateKeeper> logger)
        : this(engine, commands, state.Topics, () => ForecasterCheckpoint.Capture(forecaster).ToBytes(),
            TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds), logger)
    {
    }

    /// <summary>
    /// <paramref name="topics"/> null: state is off, the keeper only tracks partitions (commands still complete).
    /// <paramref name="captureModel"/> gives the model checkpoint's bytes for the model topic. <paramref name="chunkBudget"/>:
    /// how long one call to <see cref="SnapshotIfDue"/> may encode series (at least one per call), default
    /// <see cref="DefaultChunkBudget"/>.
    /// </summary>
    public PartitionStateKeeper(DetectionEngine engine, PartitionCommands commands, CompactedTopics? topics, Func<byte[]>? captureModel, TimeSpan interval,
        ILogger<PartitionStateKeeper> logger, TimeSpan? chunkBudget = null)
    {
        _engine = engine;
        _commands = commands;
        _topics = topics;
        _captureModel = captureModel;
        _round = new SnapshotRound(interval);
        _logger = logger;
        _chunkBudget = chunkBudget ?? DefaultChunkBudget;
    }

    /// <summary>True while a partition's snapshot is half written: the model thread should call <see cref="SnapshotIfDue"/> again soon.</summary>
    public bool SnapshotInProgress => _slice is not null;

    /// <summary>Records read at which the next command is due, if one is queued; a batch must not read past it.</summary>
    public long? NextCommandAt => _commands.TryPeek(out var command) ? command!.HandedOut : null;

    /// <summary>Completes when a command is queued.</summary>
    public ValueTask<bool> WaitForCommandAsync() => _commands.WaitAsync();

    /// <summary>Runs every command due once <paramref name="read"/> records were read; writes what they produce to <paramref name="emit"/>.</summary>
    public void RunDueCommands(long read, Action<PublishRequest> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        while (_commands.TryPeek(out var next) && next!.HandedOut <= read && _commands.TryTake(out var command))
        {
            switch (command)
            {
                case AssignCommand assign:
                    foreach (var partition in assign.Partitions)
                    {
                        Restore(partition);
                        if (partition.Position is { } position)
                        {
                            emit(PublishRequest.State(new SnapshotRecords([], partition.Partition, position.SnapshotOffset, position)));
                        }
                    }

                    break;
                case RevokeCommand revoke:
                    foreach (var partition in revoke.Partitions)
                    {
                        Release(partition, revoke.Lost, emit);
                    }

                    emit(PublishRequest.Barrier(revoke.Done));
                    break;
            }
        }
    }

    /// <summary>What to do with <paramref name="record"/>; call <see cref="Processed"/> after it was handled.</summary>
    public RecordRole RoleOf(InboundRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_owned.TryGetValue(record.Source.Partition.Value, out var owned) || record.Source.Offset.Value >= owned.ReplayUntil)
        {
            return RecordRole.Process;
        }

        return record.Decoded.IsValid && owned.AsOf.TryGetValue(record.Decoded.Point.SeriesId, out var asOf) && record.Source.Offset.Value < asOf
            ? RecordRole.Skip
            : RecordRole.Replay;
    }

    /// <summary>Notes that <paramref name="record"/> was handled: its partition moved on and its series changed.</summary>
    public void Processed(InboundRecord record, RecordRole role)
    {
        ArgumentNullException.ThrowIfNull(record);
        var partition = record.Source.Partition.Value;
        if (!_owned.TryGetValue(partition, out var owned))
        {
            owned = new OwnedPartition(0);
            _owned[partition] = owned;
        }

        owned.NextOffset = record.Source.Offset.Value + 1;
        if (record.Decoded.IsValid && role != RecordRole.Skip)
        {
            var series = record.Decoded.Point.SeriesId;
            owned.Series.Add(series);
            owned.Dirty.Add(series);
        }
    }

    /// <summary>
    /// Every <c>State:SnapshotIntervalSeconds</c>: a snapshot of each partition's changed series, and of the model, one
    /// of them at a time, spread evenly over the interval. A partition's series go out in chunks, one per call, each
    /// call encoding for at most the chunk budget, so that records never wait behind a whole partition's encoding; each
    /// series record carries the offset it is valid up to, and the partition's position (written with the last chunk)
    /// is its offset when its slice began: restore skips, per series, the records already inside its saved state. The
    /// model thread calls this after each batch and while it has nothing else to do. Returns whether it emitted anything.
    /// </summary>
    public bool SnapshotIfDue(Action<PublishRequest> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (_topics is null)
        {
            return false;
        }

        if (_slice is not null)
        {
            return ContinueSlice(emit);
        }

        if (!_round.TurnDue(_owned.Keys, _captureModel is not null))
        {
            return false;
        }

        // A partition revoked meanwhile was saved on its way out; one with nothing new needs no turn.
        while (_round.TryNextPartition(out var next))
        {
            if (_owned.TryGetValue(next, out var owned) && owned.Dirty.Count > 0)
            {
                _slice = new Slice(owned, next, [.. owned.Dirty], owned.NextOffset);
                return ContinueSlice(emit);
            }
        }

        if (!_round.TakeModel())
        {
            return false;
        }

        emit(ModelSnapshot());
        _round.TurnTaken();
        return true;
    }

    // One chunk of the partition's slice: series encoded until the budget is spent, each as of the offset reached now.
    private bool ContinueSlice(Action<PublishRequest> emit)
    {
        var slice = _slice!;
        var owned = slice.Owned;
        var started = Stopwatch.GetTimestamp();
        var records = new List<CompactedRecord>();
        do
        {
            var series = slice.Series[slice.Next++];
            // Saved now: a change from here on makes it dirty again, for the next round.
            if (owned.Dirty.Remove(series) && _engine.TryGetSeries(series, out var state))
            {
                records.Add(SeriesRecord(slice.Partition, series, state, owned.NextOffset));
            }
        }
        while (slice.Next < slice.Series.Length && Stopwatch.GetElapsedTime(started) < _chunkBudget);

        var done = slice.Next == slice.Series.Length;
        emit(PublishRequest.State(new SnapshotRecords(records, slice.Partition, slice.From, Partial: !done)));
        if (done)
        {
            _slice = null;
            _round.TurnTaken();
        }

        return true;
    }

    /// <summary>Snapshots every owned partition's changed series and the model now (graceful stop).</summary>
    public void SnapshotAll(Action<PublishRequest> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        _round.Restart();
        _slice = null;
        if (_topics is null)
        {
            return;
        }

        foreach (var (partition, owned) in _owned)
        {
            if (owned.Dirty.Count > 0)
            {
                emit(PublishRequest.State(Snapshot(partition, owned)));
            }
        }

        if (_captureModel is not null)
        {
            emit(ModelSnapshot());
        }
    }

    /// <summary>Key of the model checkpoint in the model topic.</summary>
    public const string ModelKey = "model";

    private void Restore(RestoredPartition partition)
    {
        var owned = new OwnedPartition(partition.ReplayUntil);
        foreach (var (series, bytes) in partition.Series)
        {
            try
            {
                owned.AsOf[series] = SeriesRecordCodec.Decode(bytes, series, _engine);
                owned.Series.Add(series);
            }
            catch (InvalidDataException ex)
            {
                // One unreadable record costs that series a warm-up, never the partition.
                LogSeriesNotRestored(_logger, series, partition.Partition, ex.Message);
            }
        }

        if (_slice?.Partition == partition.Partition)
        {
            _slice = null;
        }

        _owned[partition.Partition] = owned;
        if (owned.Series.Count > 0 || partition.ReplayUntil > 0)
        {
            LogRestored(_logger, partition.Partition, owned.Series.Count, partition.ReplayUntil);
        }
    }

    private void Release(int partition, bool lost, Action<PublishRequest> emit)
    {
        if (!_owned.Remove(partition, out var owned))
        {
            return;
        }

        // A slice of it in progress is finished below: what it had not saved yet is still dirty.
        if (ReferenceEquals(_slice?.Owned, owned))
        {
            _slice = null;
        }

        if (!lost && _topics is not null && owned.Dirty.Count > 0)
        {
            emit(PublishRequest.State(Snapshot(partition, owned)));
        }

        foreach (var series in owned.Series)
        {
            _engine.Forget(series);
        }
    }

    private PublishRequest ModelSnapshot() =>
        PublishRequest.State(new SnapshotRecords([new CompactedRecord(_topics!.ModelTopic, 0, ModelKey, _captureModel!())], null, 0));

    private SnapshotRecords Snapshot(int partition, OwnedPartition owned)
    {
        var records = new List<CompactedRecord>(owned.Dirty.Count);
        foreach (var series in owned.Dirty)
        {
            if (_engine.TryGetSeries(series, out var state))
            {
                records.Add(SeriesRecord(partition, series, state, owned.NextOffset));
            }
        }

        owned.Dirty.Clear();
        return new SnapshotRecords(records, partition, owned.NextOffset);
    }

    // A series' state record, valid up to the input offset `validUpTo` of its partition.
    private CompactedRecord SeriesRecord(int partition, string series, SeriesState state, long validUpTo) =>
        new(_topics!.StateTopic, StateKeys.StatePartition(partition, _topics.StatePartitions), StateKeys.Series(partition, series),
            SeriesRecordCodec.Encode(state, validUpTo));

    // A partition's snapshot under way: the series that had changed when it began, the next one to encode, and the
    // partition's offset then (its position once every chunk is out).
    private sealed class Slice(OwnedPartition owned, int partition, string[] series, long from)
    {
        public OwnedPartition Owned { get; } = owned;

        public int Partition { get; } = partition;

        public string[] Series { get; } = series;

        public long From { get; } = from;

        public int Next { get; set; }
    }

    private sealed class OwnedPartition(long replayUntil)
    {
        public long ReplayUntil { get; } = replayUntil;

        public long NextOffset { get; set; }

        public HashSet<string> Series { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Dirty { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> AsOf { get; } = new(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: {Series} series restored; records below offset {ReplayUntil} rebuild state without output")]
    private static partial void LogRestored(ILogger logger, int partition, int series, long replayUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Series {Series} of partition {Partition} starts cold: its state record does not load ({Reason})")]
    private static partial void LogSeriesNotRestored(ILogger logger, string series, int partition, string reason);
}
