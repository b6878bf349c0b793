namespace Streaming.Worker.State;

/// <summary>What the model thread does with one record, given the partition's restored state.</summary>
public enum RecordRole
{
    /// <summary>Predict, score, learn and publish: the normal case.</summary>
    Process,

    /// <summary>Rebuild state only: the record's outputs were delivered before a restart or a move.</summary>
    Replay,

    /// <summary>Nothing: the record is already inside its series' restored state and its outputs were delivered.</summary>
    Skip,
}
