namespace Streaming.Model.Checkpoints;

/// <summary>
/// A checkpoint was refused: not a checkpoint, an unknown format version, corrupt or truncated, or of another
/// architecture. Nothing was loaded: whatever the caller had before is untouched.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (use the other constructors).</summary>
    public CheckpointException()
    {
    }
}
