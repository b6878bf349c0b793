namespace Streaming.Worker.Cli;

/// <summary>
/// The process exit codes, one per cause, so that an orchestrator or a script can tell what happened without the log
/// (the README lists them; a test keeps that table and this enum in step).
/// </summary>
public enum ExitCode
{
    /// <summary>Stopped as asked: Ctrl+C, SIGTERM or <c>--duration</c>.</summary>
    Stopped = 0,

    /// <summary>An error nothing else accounts for (its exception is printed).</summary>
    UnexpectedError = 1,

    /// <summary>The command line is wrong: unknown command or switch, or a bad switch value.</summary>
    Usage = 2,

    /// <summary>A setting is invalid, unknown, or missing (such as <c>Kafka:BootstrapServers</c> for <c>run</c>).</summary>
    Configuration = 3,

    /// <summary>The checkpoint named by <c>Model:Checkpoint</c> was refused; nothing was loaded.</summary>
    CheckpointRefused = 4,

    /// <summary>The metrics or health endpoint could not listen (port taken, address not allowed).</summary>
    EndpointUnavailable = 5,

    /// <summary>A pipeline thread (consume, model or publish) failed; the worker drained and stopped.</summary>
    PipelineFailed = 6,

    /// <summary>No Kafka broker answered for <c>Kafka:BrokerTimeoutSeconds</c>; the worker stopped.</summary>
    BrokerUnreachable = 7,

    /// <summary>The demo was pointed at a cluster other than its embedded broker without <c>--allow-demo-on-cluster</c>.</summary>
    DemoRefused = 8,
}
