using Streaming.Worker.Cli;

try
{
    var cli = CommandLine.Parse(args);
    return await cli.Spec.Run(cli);
}
catch (Exception ex)
{
    return await CliFailure.ReportAsync(ex, Console.Error);
}
