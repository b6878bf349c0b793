namespace Streaming.Worker.Cli;

/// <summary>
/// An exception a command throws to stop with its own exit code, for failures that belong to a command rather than to
/// the worker (the tools' demo refusing a real cluster): <see cref="CliFailure"/> reports it as the command says.
/// </summary>
public interface ICommandFailure
{
    /// <summary>The process's exit code.</summary>
    ExitCode ExitCode { get; }

    /// <summary>The words before the exception's message, e.g. "The demo did not start: ".</summary>
    string Headline { get; }
}
