namespace Streaming.Worker.Telemetry;

/// <summary>A metrics or health endpoint could not listen (port taken, bad prefix); the message names the key to change.</summary>
public sealed class EndpointUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EndpointUnavailableException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public EndpointUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public EndpointUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
