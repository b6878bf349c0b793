using Streaming.Worker.Cli;

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
    public void Demo_options_are_read()
    {
        var cli = CommandLine.Parse(["--series", "3", "--rate", "20.5"]);
        Assert.Equal("demo", cli.Command);
        Assert.Equal(3, cli.Series);
        Assert.Equal(20.5, cli.Rate);
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
    public void An_unknown_command_lists_the_known_ones()
    {
        var ex = Assert.Throws<FormatException>(() => CommandLine.Parse(["serve"]));
        Assert.Contains("demo, run, broker", ex.Message, StringComparison.Ordinal);
    }
}
