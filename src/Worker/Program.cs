using Microsoft.Extensions.Options;
using Streaming.Worker.Cli;
using Streaming.Worker.Telemetry;

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
catch (Streaming.Model.Checkpoints.CheckpointException ex)
{
    await Console.Error.WriteLineAsync("Checkpoint refused, nothing was loaded:\n  " + ex.Message);
    return 4;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration error, the worker did not start:\n  " + string.Join("\n  ", ex.Failures));
    return 3;
}
catch (EndpointUnavailableException ex)
{
    await Console.Error.WriteLineAsync("The worker did not start: " + ex.Message);
    return 4;
}
