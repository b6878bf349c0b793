namespace Streaming.Worker.State;

/// <summary>One record for a state or model topic; a null <paramref name="Value"/> deletes the key (a tombstone).</summary>
public readonly record struct CompactedRecord(string Topic, int Partition, string Key, byte[]? Value);
