using Spectre.Console;

namespace Streaming.Tools.Terminal;

/// <summary>
/// Shows a long command's progress (<c>replay</c>'s points, <c>nab</c>'s files, <c>train</c>'s epochs): a Spectre.Console
/// progress bar with the latest step's line beside it on a terminal, or each step's line when output is plain.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports up to <paramref name="total"/> units; returns its result.</summary>
    public static T Run<T>(TextWriter? output, string label, int total, Func<IProgress<ProgressStep>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!TerminalOutput.IsInteractive(output))
        {
            return work(new PlainSteps(output ?? Console.Out));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(context =>
            {
                var task = context.AddTask(label, maxValue: Math.Max(1, total));
                result = work(new BarSteps(task, label));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class PlainSteps(TextWriter output) : IProgress<ProgressStep>
    {
        private readonly Lock _lock = new();

        public void Report(ProgressStep value)
        {
            if (value.Line is not null)
            {
                lock (_lock)
                {
                    output.WriteLine(value.Line);
                }
            }
        }
    }

    private sealed class BarSteps(ProgressTask task, string label) : IProgress<ProgressStep>
    {
        public void Report(ProgressStep value)
        {
            task.Value = value.Done;
            if (value.Line is not null)
            {
                // The bar's columns take about 40; the rest of the line is the latest step, cut to fit.
                task.Description = Markup.Escape(TerminalOutput.Fit($"{label} {value.Line}", Math.Max(20, AnsiConsole.Profile.Width - 42)));
            }
        }
    }
}
