using Streaming.Tools.Cli;

return await ToolsCommandLine.InvokeAsync(args, Console.Out, Console.Error);
