using Streaming.Worker.Cli;
using Streaming.Worker.Demo;

namespace Streaming.Worker.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void No_arguments_run_the_demo()
    {
        var cli = CommandLine.Parse([]);
        Assert.Equal("demo", cli.Command);
        Assert.Null(cli.DurationSeconds);
        Assert.Empty(cli.ConfigArgs);
    }

    [Fact]
    public void Known_switches_are_parsed_and_the_rest_goes_to_configuration()
    {
        var cli = CommandLine.Parse(["run", "--bootstrap", "127.0.0.1:9092", "--duration", "60", "--Model:HiddenSize=32"]);
        Assert.Equal("run", cli.Command);
        Assert.Equal(60, cli.DurationSeconds);
        Assert.Equal(["--Kafka:BootstrapServers=127.0.0.1:9092", "--Model:HiddenSize=32"], cli.ConfigArgs);
    }

    [Fact]
    public void Demo_options_are_read_and_absent_ones_fall_back()
    {
        var cli = CommandLine.Parse(["--rate", "20.5"]);
        Assert.Equal("demo", cli.Command);
        Assert.Equal(20.5, cli.Number(DemoCommand.Rate.Name, 50));
        Assert.Equal(6, cli.Int(DemoCommand.Series.Name, 6));
        Assert.False(cli.Has(DemoCommand.Series.Name));
    }

    [Theory]
    [InlineData("--duration", "0", "--duration must be a positive whole number")]
    [InlineData("--duration", "soon", "--duration must be a positive whole number")]
    [InlineData("--rate", "-1", "--rate must be a positive number")]
    public void Bad_values_name_the_switch(string name, string value, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse([name, value]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_without_its_value_is_refused()
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse(["--bootstrap"]));
        Assert.Contains("--bootstrap needs a value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nab_takes_its_folders_and_passes_configuration_keys_on()
    {
        var cli = CommandLine.Parse(["nab", "--data", "nab/data", "--out", "results", "--workers", "2", "--Scoring:Threshold=0.6"]);
        Assert.Equal("nab", cli.Command);
        Assert.Equal("nab/data", cli.Text(Streaming.Worker.Nab.NabCommand.Data.Name));
        Assert.Equal("results", cli.Text(Streaming.Worker.Nab.NabCommand.Out.Name));
        Assert.Equal(2, cli.Int(Streaming.Worker.Nab.NabCommand.Workers.Name, 1));
        Assert.Equal(["--Scoring:Threshold=0.6"], cli.ConfigArgs);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["nab", "--workers", "0"]));
    }

    [Fact]
    public void An_unknown_command_lists_the_known_ones()
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse(["serve"]));
        Assert.Contains("demo, run, broker", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_of_another_command_is_refused_with_the_commands_own_options()
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse(["broker", "--rate", "5"]));
        Assert.Contains("Unknown option '--rate' for 'broker'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--brokers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_take_no_value()
    {
        var verbose = new CliSwitch("--verbose", CliValue.Flag, "talk more");
        CliCommand[] commands = [new("only", "test command", [verbose], _ => Task.FromResult(0))];

        var cli = CommandLine.Parse(["--verbose", "--Model:Seed=7"], commands);

        Assert.True(cli.Has("--verbose"));
        Assert.Equal(["--Model:Seed=7"], cli.ConfigArgs);
    }

    [Fact]
    public void Usage_lists_every_command_and_switch()
    {
        foreach (var command in Commands.All)
        {
            Assert.Contains(command.Name, CommandLine.Usage, StringComparison.Ordinal);
            Assert.All(command.Switches, s => Assert.Contains(s.Synopsis, CommandLine.Usage, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Help_is_reachable_from_any_command()
    {
        Assert.Equal("help", CommandLine.Parse(["run", "--help"]).Command);
    }
}
