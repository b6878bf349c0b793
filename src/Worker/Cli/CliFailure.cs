using Microsoft.Extensions.Options;
using Streaming.Model.Checkpoints;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Cli;

/// <summary>Turns an error that ended a command into what the user reads on stderr and the process's exit code.</summary>
public static class CliFailure
{
    /// <summary>Writes what went wrong and how to fix it to <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> ReportAsync(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var (code, text) = exception switch
        {
            FormatException ex => (ExitCode.Usage, $"{ex.Message}\n--help lists the commands and their options."),
            OptionsValidationException ex => (ExitCode.Configuration, "Configuration error, the worker did not start:\n  " + string.Join("\n  ", ex.Failures)),
            CheckpointException ex => (ExitCode.CheckpointRefused, "Checkpoint refused, nothing was loaded:\n  " + ex.Message),
            EndpointUnavailableException ex => (ExitCode.EndpointUnavailable, "The worker did not start: " + ex.Message),
            ICommandFailure ex => (ex.ExitCode, ex.Headline + exception.Message),
            _ => (ExitCode.UnexpectedError, "The worker failed with an unexpected error:\n" + exception),
        };
        await error.WriteLineAsync(text).ConfigureAwait(false);
        return (int)code;
    }
}
