using Streaming.Worker.Cli;

namespace Streaming.Worker.Hosting;

/// <summary>
/// Why the worker stopped. The Generic Host stops when a background service fails but still returns normally from
/// <c>RunAsync</c> (dotnet/runtime#67146), so the cause is recorded here and turned into the exit code. The first cause
/// recorded wins: what follows a fault (a drain that times out, a closed channel) is its consequence. Thread-safe.
/// </summary>
public sealed class WorkerOutcome
{
    private readonly Lock _gate = new();

    /// <summary>The exit code: <see cref="ExitCode.Stopped"/> until a fault is recorded.</summary>
    public ExitCode Code { get; private set; } = ExitCode.Stopped;

    /// <summary>What went wrong, in a sentence; null while nothing did.</summary>
    public string? Reason { get; private set; }

    /// <summary>Records a fault unless one was recorded already; returns true when this one is kept.</summary>
    public bool Fail(ExitCode code, string reason)
    {
        lock (_gate)
        {
            if (Code != ExitCode.Stopped)
            {
                return false;
            }

            Code = code;
            Reason = reason;
            return true;
        }
    }
}
