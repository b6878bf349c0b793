namespace Streaming.Worker.State;

/// <summary>
/// State records taken together. For a partition's snapshot, <paramref name="InputPartition"/> and
/// <paramref name="SnapshotOffset"/> say which input partition it covers and as of which offset: its position record is
/// written only once these records and every output before them are delivered. A snapshot without records announces
/// a restored partition's saved <paramref name="Restored"/> position to the publish thread (which writes positions).
/// <paramref name="Partial"/>: a chunk of a partition's snapshot with more to follow; only the last one moves the position.
/// </summary>
public sealed record SnapshotRecords(IReadOnlyList<CompactedRecord> Records, int? InputPartition, long SnapshotOffset, PartitionPosition? Restored = null, bool Partial = false);
