using System.CommandLine;
using Streaming.Tools.Cli;
using Streaming.Tools.Demo;
using Streaming.Tools.Nab;
using Streaming.Worker.Cli;

namespace Streaming.Tools.Tests.Cli;

public class ToolsCommandLineTests
{
    private static string Name(ParseResult parse) => parse.CommandResult.Command.Name;

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ToolsCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void No_arguments_run_the_demo()
    {
        var cli = ToolsCommandLine.Parse([]);
        Assert.Empty(cli.Errors);
        Assert.Equal("demo", Name(cli));
        Assert.Null(cli.GetValue(DemoCommand.Duration));
        Assert.Empty(cli.ConfigurationArgs());
    }

    [Fact]
    public void Shorter_spellings_and_configuration_keys_go_to_configuration_in_order()
    {
        var cli = ToolsCommandLine.Parse(["run", "--bootstrap", "127.0.0.1:9092", "--duration", "60", "--Model:HiddenSize=32", "--Kafka:GroupId", "group-b"]);
        Assert.Empty(cli.Errors);
        Assert.Equal("run", Name(cli));
        Assert.Equal(60, cli.GetValue<int?>("--duration"));
        Assert.Equal(["--Kafka:BootstrapServers=127.0.0.1:9092", "--Model:HiddenSize=32", "--Kafka:GroupId", "group-b"], cli.ConfigurationArgs());
    }

    [Fact]
    public void Options_before_any_command_are_the_demo_s()
    {
        var cli = ToolsCommandLine.Parse(["--rate", "20.5"]);
        Assert.Empty(cli.Errors);
        Assert.Equal("demo", Name(cli));
        Assert.Equal(20.5, cli.GetValue(DemoCommand.Rate));
        Assert.Equal(6, cli.GetValue(DemoCommand.Series));
        Assert.False(cli.Given(DemoCommand.Series));
        Assert.True(cli.Given(DemoCommand.Rate));
    }

    [Theory]
    [InlineData("--duration", "0", "--duration must be a positive whole number, got '0'.")]
    [InlineData("--duration", "soon", "--duration must be a positive whole number, got 'soon'.")]
    [InlineData("--rate", "-1", "--rate must be a positive number, got '-1'.")]
    [InlineData("--rate", "NaN", "--rate must be a positive number, got 'NaN'.")]
    public void Bad_values_name_the_option(string name, string value, string expected)
    {
        var error = Assert.Single(ToolsCommandLine.Parse([name, value]).Errors);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Nab_takes_its_folders_and_requires_them()
    {
        var cli = ToolsCommandLine.Parse(["nab", "--data", "nab/data", "--out", "results", "--workers", "2", "--Scoring:Threshold=0.6"]);
        Assert.Empty(cli.Errors);
        Assert.Equal("nab/data", cli.GetValue(NabCommand.Data));
        Assert.Equal("results", cli.GetValue(NabCommand.Out));
        Assert.Equal(2, cli.GetValue(NabCommand.Workers));
        Assert.Equal(NabCommand.DefaultDetector, cli.GetValue(NabCommand.Detector));
        Assert.Equal(["--Scoring:Threshold=0.6"], cli.ConfigurationArgs());
        Assert.NotEmpty(ToolsCommandLine.Parse(["nab", "--data", "d", "--out", "o", "--workers", "0"]).Errors);
        Assert.Contains(ToolsCommandLine.Parse(["nab", "--out", "o"]).Errors, e => e.Message.Contains("--data", StringComparison.Ordinal));
    }

    [Fact]
    public void An_option_of_another_command_is_refused_with_this_command_s_options()
    {
        var error = Assert.Single(ToolsCommandLine.Parse(["broker", "--rate", "5"]).Errors);
        Assert.Contains("Unknown option '--rate' for 'broker'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--brokers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_take_no_value_and_leave_the_keys_after_them_alone()
    {
        var cli = ToolsCommandLine.Parse(["demo", "--allow-demo-on-cluster", "--Model:Seed=7"]);
        Assert.Empty(cli.Errors);
        Assert.True(cli.GetValue(DemoCommand.AllowOnCluster));
        Assert.Equal(["--Model:Seed=7"], cli.ConfigurationArgs());
    }

    [Theory]
    [InlineData("rnu")]
    [InlineData("run", "--foo")]
    [InlineData("run", "stray")]
    [InlineData("run", "--bootstrap")]
    [InlineData("train", "--epochs", "0")]
    public async Task A_bad_command_line_is_answered_with_the_usage_line_and_exit_code_2(params string[] args)
    {
        var (code, output, error) = await InvokeAsync(args);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Empty(output);
        Assert.Contains("Usage: Streaming.Tools", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_its_own_generated_help()
    {
        foreach (var command in ToolsCommandLine.Root.Subcommands)
        {
            var (code, output, _) = await InvokeAsync(command.Name, "--help");
            Assert.Equal(0, code);
            Assert.Contains(command.Description!, output, StringComparison.Ordinal);
            Assert.All(command.Options.Where(o => !o.Hidden), o => Assert.Contains(o.Name, output, StringComparison.Ordinal));
            Assert.Contains("--Section:Key=value", output, StringComparison.Ordinal);
        }

        var (rootCode, rootHelp, _) = await InvokeAsync("--help");
        Assert.Equal(0, rootCode);
        Assert.All(ToolsCommandLine.Root.Subcommands, c => Assert.Contains(c.Name, rootHelp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_prints_the_assembly_s_version()
    {
        var (code, output, _) = await InvokeAsync("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public async Task A_command_s_failure_keeps_its_own_exit_code()
    {
        var (code, _, error) = await InvokeAsync("simulate", "--duration", "1");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("simulate feeds a running cluster", error, StringComparison.Ordinal);
    }
}
