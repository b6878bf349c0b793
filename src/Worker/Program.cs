using Microsoft.Extensions.Options;
using Streaming.Worker.Cli;
using Streaming.Worker.Demo;

try
{
    var cli = CommandLine.Parse(args);
    return cli.Command switch
    {
        "run" => await RunCommand.RunAsync(cli),
        "broker" => await BrokerCommand.RunAsync(cli),
        "help" => Help(),
        _ => await DemoCommand.RunAsync(cli),
    };
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n\n{CommandLine.Usage}");
    return 2;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error, the worker did not start:\n  " + string.Join("\n  ", ex.Failures));
    return 3;
}

static int Help()
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
