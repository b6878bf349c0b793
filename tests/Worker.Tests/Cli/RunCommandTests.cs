using System.Diagnostics;
using System.Runtime.InteropServices;
using Streaming.Worker.Cli;

namespace Streaming.Worker.Tests.Cli;

/// <summary>
/// <c>run</c> as an operator starts it: the worker's own executable as a child process, with the shipped
/// configuration, the environment and the command line; each mistake must stop it at start with exit code 3.
/// </summary>
public class RunCommandTests
{
    [Fact]
    public async Task Run_without_a_broker_stops_at_start_naming_the_key_and_the_fix()
    {
        var (code, output) = await RunWorkerAsync(["run"], new() { ["DOTNET_ENVIRONMENT"] = "Production" });
        Assert.Equal((int)ExitCode.Configuration, code);
        Assert.Contains("Kafka:BootstrapServers is not set", output, StringComparison.Ordinal);
        Assert.Contains("Kafka__BootstrapServers", output, StringComparison.Ordinal);
        Assert.Contains("--Kafka:BootstrapServers=embedded", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Embedded Kafka broker", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_key_on_the_command_line_stops_run()
    {
        var (code, output) = await RunWorkerAsync(["run", "--bootstrap", "127.0.0.1:9", "--Kafka:BootstrapServrs=x"]);
        Assert.Equal((int)ExitCode.Configuration, code);
        Assert.Contains("Kafka:BootstrapServrs (from the command line: --Kafka:BootstrapServrs)", output, StringComparison.Ordinal);
        Assert.Contains("did you mean Kafka:BootstrapServers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_environment_variable_stops_run()
    {
        var (code, output) = await RunWorkerAsync(["run", "--bootstrap", "127.0.0.1:9"], new() { ["KAFKA__BOOTSTRAPSERVRS"] = "x" });
        Assert.Equal((int)ExitCode.Configuration, code);
        Assert.Contains("(from the environment variable KAFKA__BOOTSTRAPSERVRS)", output, StringComparison.Ordinal);
        Assert.Contains("did you mean Kafka:BootstrapServers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_configuration_names_no_broker()
    {
        var shipped = System.Text.Json.JsonDocument.Parse(RepositoryFiles.Read("config/appsettings.json"));
        Assert.Equal("", shipped.RootElement.GetProperty("Kafka").GetProperty("BootstrapServers").GetString());
        var (code, _) = await RunWorkerAsync(["run", "--Model:WindowSize=1"]);
        Assert.Equal((int)ExitCode.Configuration, code);
    }

    /// <summary>Runs the worker's build output (copied next to the tests) and returns its exit code and all it printed.</summary>
    internal static async Task<(int Code, string Output)> RunWorkerAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Streaming.Worker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test run's own settings must not leak into the worker's configuration.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
