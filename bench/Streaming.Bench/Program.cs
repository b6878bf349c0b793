using Streaming.Bench;
using Streaming.Bench.Micro;
using Streaming.Worker.Cli;
using WorkerCommandLine = Streaming.Worker.Cli.CommandLine;

if (args is ["micro", .. var benchmarkArgs])
{
    // BenchmarkDotNet has its own command line (--filter, --job, ...): hand it everything.
    return MicroBenchmarks.Run(benchmarkArgs);
}

try
{
    var cli = WorkerCommandLine.Parse(args, BenchCommands.All);
    return await cli.Spec.Run(cli);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n\n{CliUsage.Describe("Streaming.Bench", BenchCommands.All)}");
    return 2;
}
