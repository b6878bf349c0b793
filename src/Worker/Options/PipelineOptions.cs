namespace Streaming.Worker.Options;

/// <summary>How the model thread batches work and how long shutdown may take.</summary>
public sealed class PipelineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Pipeline";

    /// <summary>Most points the model thread takes in one batch (one forward, one learning call).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Upper bound for a graceful stop: drain, deliver, commit and leave the group, in seconds.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 15;
}
