namespace Streaming.Ingest.Offsets;

/// <summary>
/// Tracks, per topic-partition, the offsets handed out in consume order and which of them are finished (all their
/// outputs delivered), so that only a contiguous finished prefix is committed: at-least-once, never skipping an
/// offset whose outputs might still be lost.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Begin"/> is called by the consume thread, <see cref="Complete"/> by producer delivery
/// callbacks. After <see cref="Forget"/> (partition revoked) the caller should flush the producer before the
/// partition can be re-assigned: a stale delivery callback arriving after re-assignment cannot be told apart from
/// a fresh one for the same offset.
/// </remarks>
public sealed class OffsetTracker
{
    private readonly Dictionary<(string Topic, int Partition), PartitionOffsets> _partitions = [];
    private readonly Lock _lock = new();
    private int _inFlight;

    /// <summary>Offsets begun but not completed, over all partitions.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Records that <paramref name="offset"/> was handed out. Offsets of one partition normally increase (gaps are
    /// fine, e.g. compacted topics or transaction markers); an offset at or below the last one begun means the
    /// consumer read back, and the partition starts afresh.
    /// </summary>
    public void Begin(string topic, int partition, long offset)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_lock)
        {
            if (!_partitions.TryGetValue((topic, partition), out PartitionOffsets? state) || offset <= state.LastBegun)
            {
                // A re-read (the consumer seeked back, e.g. after an offset reset) starts the partition afresh: the
                // earlier offsets are read again, so their pending completions must not move the commit.
                _inFlight -= state?.Unfinished ?? 0;
                state = new PartitionOffsets();
                _partitions[(topic, partition)] = state;
            }

            state.Begin(offset);
            _inFlight++;
        }
    }

    /// <summary>
    /// Marks <paramref name="offset"/> finished. Returns true with <paramref name="commitOffset"/> = highest
    /// contiguous finished offset + 1 (Kafka's "next offset to read") when that advanced; false when it did not, or
    /// when the offset or partition is unknown (never begun, already completed, or forgotten).
    /// Successive commit offsets of a partition increase, but callbacks on different threads may act on them out of
    /// order, so whoever stores them should keep the maximum.
    /// </summary>
    public bool Complete(string topic, int partition, long offset, out long commitOffset)
    {
        ArgumentNullException.ThrowIfNull(topic);
        commitOffset = 0;
        lock (_lock)
        {
            if (!_partitions.TryGetValue((topic, partition), out PartitionOffsets? state))
            {
                return false;
            }

            int before = state.Unfinished;
            bool advanced = state.Complete(offset, out commitOffset);
            _inFlight -= before - state.Unfinished;
            return advanced;
        }
    }

    /// <summary>
    /// True when every offset below <paramref name="offset"/> that was begun is finished; false while one is not, or when
    /// the partition is unknown (never begun or forgotten).
    /// </summary>
    public bool FinishedBelow(string topic, int partition, long offset)
    {
        ArgumentNullException.ThrowIfNull(topic);
        lock (_lock)
        {
            if (!_partitions.TryGetValue((topic, partition), out PartitionOffsets? state))
            {
                return false;
            }

            return state.FirstUnfinished is not { } first || first >= offset;
        }
    }

    /// <summary>Drops a revoked partition: its in-flight offsets no longer count and later completions are ignored.</summary>
    public void Forget(string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        lock (_lock)
        {
            if (_partitions.Remove((topic, partition), out PartitionOffsets? state))
            {
                _inFlight -= state.Unfinished;
            }
        }
    }
}
