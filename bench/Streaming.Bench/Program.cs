using Streaming.Bench;
using Streaming.Bench.Micro;
using Streaming.Worker.Cli;

if (args is ["micro", .. var benchmarkArgs])
{
    // BenchmarkDotNet has its own command line (--filter, --job, ...): hand it everything.
    return MicroBenchmarks.Run(benchmarkArgs);
}

return await CliInvocation.InvokeAsync(BenchCommands.Create().Parse(args), BenchCommands.Program, Console.Out, Console.Error);
