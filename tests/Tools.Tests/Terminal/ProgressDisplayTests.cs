using Streaming.Tools.Terminal;

namespace Streaming.Tools.Tests.Terminal;

public class ProgressDisplayTests
{
    [Fact]
    public void Plain_output_gets_each_step_s_line_and_the_work_s_result()
    {
        using var output = new StringWriter();
        var result = ProgressDisplay.Run(output, "train", 3, progress =>
        {
            progress.Report(new ProgressStep(1, "epoch 1/3"));
            progress.Report(new ProgressStep(2));
            progress.Report(new ProgressStep(3, "epoch 3/3"));
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(["epoch 1/3", "epoch 3/3"], output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly-10", 10, "exactly-10")]
    [InlineData("a line wider than the terminal", 10, "a line wi…")]
    public void Lines_are_cut_to_the_width_with_an_ellipsis(string line, int width, string expected)
    {
        Assert.Equal(expected, TerminalOutput.Fit(line, width));
    }

    [Fact]
    public void A_given_writer_is_never_the_terminal()
    {
        Assert.False(TerminalOutput.IsInteractive(TextWriter.Null));
    }
}
