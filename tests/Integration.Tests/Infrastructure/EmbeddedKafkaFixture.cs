using Streaming.Tools.Embedded;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// A librdkafka mock cluster living in the test process: shared by a test class as a fixture (every test makes its
/// own topics), or made by a test for itself when it injects faults through <see cref="Cluster"/>.
/// </summary>
public class EmbeddedKafkaFixture : IKafkaUnderTest, IDisposable
{
    /// <summary>A one-broker cluster.</summary>
    public EmbeddedKafkaFixture()
        : this(brokers: 1)
    {
    }

    /// <summary>A cluster of <paramref name="brokers"/> brokers (ids 1..n); topics' leaders are spread over them.</summary>
    /// <remarks>Protected: xunit fixtures must have a single public constructor; subclass for another broker count.</remarks>
    protected EmbeddedKafkaFixture(int brokers) => Cluster = MockCluster.Start(brokers);

    /// <summary>The mock cluster, for fault injection (brokers down/up, round-trip time, request errors).</summary>
    public MockCluster Cluster { get; }

    /// <inheritdoc />
    public string? SkipReason => null;

    /// <inheritdoc />
    public string BootstrapServers => Cluster.BootstrapServers;

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
        Cluster.CreateTopic(topic, partitions);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Cluster.Dispose();
        GC.SuppressFinalize(this);
    }
}
