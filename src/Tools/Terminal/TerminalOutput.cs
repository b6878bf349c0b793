using Spectre.Console;

namespace Streaming.Tools.Terminal;

/// <summary>Where a command's output goes: the process's own terminal, drawn in place, or plain lines.</summary>
public static class TerminalOutput
{
    /// <summary>
    /// True when <paramref name="output"/> is the process's console (null) and that console is a terminal: live views
    /// and progress bars are drawn there; redirected output and a given writer (tests, a file) get plain lines.
    /// </summary>
    public static bool IsInteractive(TextWriter? output) =>
        output is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary><paramref name="line"/> cut to <paramref name="width"/> columns, an ellipsis marking the cut: a wrapped line would break a redrawn view.</summary>
    public static string Fit(string line, int width)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Length <= width ? line : string.Concat(line.AsSpan(0, Math.Max(0, width - 1)), "…");
    }
}
