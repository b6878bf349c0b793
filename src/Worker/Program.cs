using Streaming.Worker.Cli;

return await WorkerCommandLine.InvokeAsync(args, Console.Out, Console.Error);
