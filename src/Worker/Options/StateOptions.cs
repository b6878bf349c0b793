namespace Streaming.Worker.Options;

/// <summary>
/// Where per-series and model state is kept between restarts and rebalances: compacted Kafka topics that travel with
/// the input partitions (see the README's "State and exactly-once" section).
/// </summary>
public sealed class StateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "State";

    /// <summary>Save and restore state through Kafka. Off: every series starts cold after a restart or a move.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Compacted topic of per-series state and partition positions; empty = <c>{Kafka:GroupId}-state</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Compacted topic of the shared model's checkpoints (weights, optimiser, replay); empty = <c>{Kafka:GroupId}-model</c>.</summary>
    public string ModelTopic { get; set; } = "";

    /// <summary>Seconds between two snapshots of the series that changed (and of the model). After a crash, at most this much input is replayed.</summary>
    public int SnapshotIntervalSeconds { get; set; } = 30;

    /// <summary>Upper bound, in seconds, for reading a newly assigned partition's state or handing a revoked one over.</summary>
    public int RestoreTimeoutSeconds { get; set; } = 30;

    /// <summary>The state topic's name for consumer group <paramref name="groupId"/>.</summary>
    public string StateTopicFor(string groupId) => string.IsNullOrWhiteSpace(Topic) ? $"{groupId}-state" : Topic;

    /// <summary>The model topic's name for consumer group <paramref name="groupId"/>.</summary>
    public string ModelTopicFor(string groupId) => string.IsNullOrWhiteSpace(ModelTopic) ? $"{groupId}-model" : ModelTopic;
}
