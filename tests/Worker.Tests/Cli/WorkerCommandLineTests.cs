using Streaming.Worker.Cli;

namespace Streaming.Worker.Tests.Cli;

public class WorkerCommandLineTests
{
    [Fact]
    public void The_service_runs_the_worker_by_default_and_offers_no_tool()
    {
        var cli = WorkerCommandLine.Parse(["--duration", "5", "--Model:HiddenSize=32"]);
        Assert.Empty(cli.Errors);
        Assert.Equal("run", cli.CommandResult.Command.Name);
        Assert.Equal(["run", "health"], WorkerCommandLine.Root.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public async Task The_demo_is_not_a_command_of_the_service()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WorkerCommandLine.InvokeAsync(["demo"], output, error);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("Usage: Streaming.Worker", error.ToString(), StringComparison.Ordinal);
    }
}
