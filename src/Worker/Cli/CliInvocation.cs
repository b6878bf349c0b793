using System.CommandLine;

namespace Streaming.Worker.Cli;

/// <summary>
/// Runs a parsed command line: a parse error is answered with what was wrong and the command's usage line
/// (exit <see cref="ExitCode.Usage"/>); a command's failure becomes its message and exit code (<see cref="CliFailure"/>).
/// </summary>
public static class CliInvocation
{
    /// <summary>Runs <paramref name="parse"/>'s command, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(ParseResult parse, string program, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync(UsageLine(parse, program)).ConfigureAwait(false);
            return (int)ExitCode.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return await CliFailure.ReportAsync(ex, error).ConfigureAwait(false);
        }
    }

    /// <summary>The usage line of the command <paramref name="parse"/> reached, and where its full help is.</summary>
    public static string UsageLine(ParseResult parse, string program)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var path = new List<string>();
        for (var command = parse.CommandResult; command.Parent is System.CommandLine.Parsing.CommandResult parent; command = parent)
        {
            path.Insert(0, command.Command.Name);
        }

        var name = string.Join(' ', [program, .. path]);
        return path.Count == 0
            ? $"Usage: {program} [command] [options] [--Section:Key=value ...]. '{program} --help' lists the commands."
            : $"Usage: {name} [options] [--Section:Key=value ...]. '{name} --help' lists its options.";
    }
}
