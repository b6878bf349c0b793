namespace Streaming.Worker.Output;

/// <summary>Header names the worker adds to what it writes (documented in the README's message contract).</summary>
public static class OutputHeaders
{
    /// <summary>Topic of the input message an output belongs to.</summary>
    public const string SourceTopic = "source.topic";

    /// <summary>Partition of the input message, as decimal text.</summary>
    public const string SourcePartition = "source.partition";

    /// <summary>Offset of the input message, as decimal text.</summary>
    public const string SourceOffset = "source.offset";

    /// <summary>Dead letters: the stable error code (e.g. <c>malformed-json</c>).</summary>
    public const string Error = "dlq.error";

    /// <summary>Dead letters: a human-readable reason.</summary>
    public const string Reason = "dlq.reason";

    /// <summary>Dead letters: the original value's length when the dead letter carries only its first bytes.</summary>
    public const string TruncatedFrom = "dlq.truncated-from";
}
