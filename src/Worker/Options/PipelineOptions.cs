namespace Streaming.Worker.Options;

/// <summary>How the model thread batches work and how long shutdown may take.</summary>
public sealed class PipelineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Pipeline";

    /// <summary>Most points the model thread takes in one batch (one forward, one learning call).</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>
    /// Most of the model thread's busy time that learning may take while records wait behind the current batch, in
    /// [0, 1] (idle time: <see cref="IdleLearnShare"/>). Predictions are never skipped; the points there is no
    /// time for are not learned. 1 = always learn from every point (the worker may then fall behind the feed);
    /// 0 = learn only while idle.
    /// </summary>
    public double LearnTimeShare { get; set; } = 0.5;

    /// <summary>
    /// Most of the model thread's idle time (waiting for records) that learning may take while no record waits, in
    /// [0, 1]. The rest is left to the other threads and processes of the machine (Kafka client threads, a co-located
    /// broker): 1 = learn whenever the thread would idle, 0 = learn only within <see cref="LearnTimeShare"/>.
    /// </summary>
    public double IdleLearnShare { get; set; } = 1;

    /// <summary>At-least-once (default) or exactly-once delivery of outputs; exactly-once needs <c>State:Enabled</c>.</summary>
    public DeliveryGuarantee Delivery { get; set; } = DeliveryGuarantee.AtLeastOnce;

    /// <summary>
    /// Exactly-once only: the producer's <c>transactional.id</c>, stable across restarts of one worker and unique per worker
    /// (a restarted worker fences its own unfinished transaction); empty = <c>{Kafka:GroupId}-{machine name}</c>.
    /// </summary>
    public string TransactionalId { get; set; } = "";

    /// <summary>Exactly-once only: most milliseconds between two transaction commits (outputs become visible at commit).</summary>
    public int TransactionIntervalMs { get; set; } = 100;

    /// <summary>Upper bound for a graceful stop: drain, deliver, commit and leave the group, in seconds.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 15;
}
