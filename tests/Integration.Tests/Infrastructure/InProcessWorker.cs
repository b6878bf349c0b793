using Microsoft.Extensions.Hosting;
using Streaming.Worker.Hosting;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>The real worker in an in-process host, pointed at a test's own topics and consumer group.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private InProcessWorker(IHost host) => _host = host;

    /// <summary>Builds and starts a worker; <paramref name="settings"/> override the defaults for this test.</summary>
    public static async Task<InProcessWorker> StartAsync(IKafkaUnderTest kafka, TestTopics topics, string groupId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        var config = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:GroupId"] = groupId,
            ["Ingest:Topic"] = topics.Input,
            ["Output:PredictionsTopic"] = topics.Predictions,
            ["Output:AnomaliesTopic"] = topics.Anomalies,
            ["Output:DeadLetterTopic"] = topics.DeadLetters,
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests run in parallel with other processes: listeners only where a test asks for them, on free ports.
            ["Telemetry:PrometheusUrl"] = "",
            ["Telemetry:HealthUrl"] = "",
        };
        foreach (var (key, value) in kafka.ConsumerSettings)
        {
            config[$"Kafka:Consumer:{key}"] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var host = DetectorHost.CreateBuilder([], config).Build();
        await host.StartAsync();
        return new InProcessWorker(host);
    }

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
