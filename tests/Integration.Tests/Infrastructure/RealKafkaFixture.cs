using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Testcontainers.Kafka;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Apache Kafka (KRaft) in a container through Testcontainers. Where no Docker engine answers, the fixture
/// records why, and every test using it reports itself skipped with that reason.
/// </summary>
public sealed class RealKafkaFixture : IKafkaUnderTest, IAsyncLifetime
{
    /// <summary>The pinned image.</summary>
    public const string Image = "apache/kafka:3.9.1";

    private KafkaContainer? _container;

    /// <inheritdoc />
    public string? SkipReason { get; private set; }

    /// <inheritdoc />
    public string BootstrapServers => _container?.GetBootstrapAddress() ?? throw new InvalidOperationException(SkipReason);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> ConsumerSettings { get; } = new Dictionary<string, string>
    {
        ["session.timeout.ms"] = "6000",
        ["heartbeat.interval.ms"] = "500",
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        try
        {
            _container = new KafkaBuilder(Image).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await _container.StartAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            SkipReason = $"Real Apache Kafka ({Image}) needs a Docker engine, and none answered here: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            _container = null;
        }
    }

    /// <inheritdoc />
    public async Task CreateTopicAsync(string topic, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
