using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// The worker as a separate process (<c>dotnet Streaming.Worker.dll run --Key=value ...</c>, the build output the
/// test project carries), so that a test can kill it outright (SIGKILL) while the broker in the test process lives on.
/// Its health endpoint listens on a free port; its console output is kept for failure messages.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private const int OutputLines = 200;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process, string healthUrl)
    {
        _process = process;
        HealthUrl = healthUrl;
    }

    /// <summary>The worker's health endpoint prefix (<c>http://127.0.0.1:PORT/</c>).</summary>
    public string HealthUrl { get; }

    /// <summary>Process id (for the test log).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the worker wrote to stdout and stderr.</summary>
    public string OutputTail => string.Join('\n', _output);

    /// <summary>Starts <c>run</c> with the test's settings (see <see cref="WorkerSettings.For"/>) and a health endpoint on a free port.</summary>
    public static WorkerProcess Start(IKafkaUnderTest kafka, TestTopics topics, string groupId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Streaming.Worker.dll");
        if (!File.Exists(worker))
        {
            throw new FileNotFoundException("The worker's build output is not next to the tests (the project reference copies it).", worker);
        }

        var healthUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        var config = WorkerSettings.For(kafka, topics, groupId, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Telemetry:HealthUrl"] = healthUrl,
        });
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(worker);
        start.ArgumentList.Add("run");
        foreach (var (key, value) in config)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = new Process { StartInfo = start };
        var child = new WorkerProcess(process, healthUrl);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200 (partitions assigned, model loaded); throws with the worker's
    /// output when the process ends first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Worker process {Id} exited with {_process.ExitCode} before it was ready:\n{OutputTail}");
            }

            if (await IsReadyAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Worker process {Id} was not ready within {timeout.TotalSeconds:F0} s:\n{OutputTail}");
    }

    /// <summary>True when <c>/health/ready</c> answers 200 now.</summary>
    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(HealthUrl + "health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process outright (SIGKILL: no drain, no commit, no leaving the group) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit(10_000);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    // The same dotnet that runs the tests: the worker needs its runtime, and PATH may lack it.
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
