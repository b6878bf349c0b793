using Microsoft.Extensions.Options;
using Streaming.Worker.Cli;

try
{
    var cli = CommandLine.Parse(args);
    return await cli.Spec.Run(cli);
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
