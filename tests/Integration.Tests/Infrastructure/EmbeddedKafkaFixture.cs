using Streaming.Worker.Embedded;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>One librdkafka mock cluster shared by a test class; every test makes its own topics.</summary>
public sealed class EmbeddedKafkaFixture : IKafkaUnderTest, IDisposable
{
    private readonly MockCluster _cluster = MockCluster.Start();

    /// <inheritdoc />
    public string? SkipReason => null;

    /// <inheritdoc />
    public string BootstrapServers => _cluster.BootstrapServers;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> ConsumerSettings { get; } = new Dictionary<string, string>
    {
        // The mock delays a group join by about session.timeout.ms; keep it short for tests.
        ["session.timeout.ms"] = "2000",
        ["heartbeat.interval.ms"] = "200",
    };

    /// <inheritdoc />
    public Task CreateTopicAsync(string topic, int partitions)
    {
        _cluster.CreateTopic(topic, partitions);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _cluster.Dispose();
}
