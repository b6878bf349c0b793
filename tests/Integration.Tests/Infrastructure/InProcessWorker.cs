using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Hosting;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>The real worker in an in-process host, pointed at a test's own topics and consumer group.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly WorkerLog _log;
    private bool _stopped;

    private InProcessWorker(IHost host, WorkerLog log) => (_host, _log) = (host, log);

    /// <summary>What this worker has logged, at every level (Debug included) whatever the console shows.</summary>
    public IReadOnlyList<WorkerLogLine> Log => _log.Lines;

    /// <summary>Input partitions this worker's consumer owns now.</summary>
    public int AssignedPartitions => _host.Services.GetRequiredService<PointConsumer>().AssignedPartitions;

    /// <summary>Builds and starts a worker; <paramref name="settings"/> override the defaults for this test.</summary>
    public static async Task<InProcessWorker> StartAsync(IKafkaUnderTest kafka, TestTopics topics, string groupId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = DetectorHost.CreateBuilder([], WorkerSettings.For(kafka, topics, groupId, settings));
        var log = new WorkerLog();
        builder.Logging.AddProvider(log).AddFilter<WorkerLog>(null, LogLevel.Debug);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host, log);
    }

    /// <summary>Runs the worker's health checks (liveness and readiness, as <c>/health</c> would).</summary>
    public Task<HealthReport> HealthAsync() => _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    /// <summary>Graceful stop: drain, deliver, commit, leave the group.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
