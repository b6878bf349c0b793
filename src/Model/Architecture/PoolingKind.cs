namespace Streaming.Model.Architecture;

/// <summary>How the GRU's per-step outputs [B, W, D] become the one vector [B, D] the head reads.</summary>
public enum PoolingKind
{
    /// <summary>The last step's output (for a bidirectional GRU: forward at the newest step, backward at the oldest).</summary>
    Last,

    /// <summary>A learned softmax weighting over the window's steps (attention pooling).</summary>
    Attention,
}
