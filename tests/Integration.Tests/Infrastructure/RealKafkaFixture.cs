using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DotNet.Testcontainers.Configurations;
using Testcontainers.Kafka;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Apache Kafka (KRaft) in a container through Testcontainers. Where no Docker endpoint answers Testcontainers' own
/// ping, the fixture records why, and every test using it reports itself skipped with that reason. Where one answers,
/// any failure (image, container, wait strategy, fixture) fails the tests: it is a fault to fix, not a missing engine.
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

    /// <summary>
    /// Whether a Docker endpoint answered: Testcontainers resolves its endpoint (DOCKER_HOST, its properties file, the
    /// unix socket, ...) by pinging each candidate, and has none when nothing answered.
    /// </summary>
    public static bool DockerAnswers() => TestcontainersSettings.OS.DockerEndpointAuthConfig is not null;

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        SkipReason = await StartUnlessNoDockerAsync(DockerAnswers, async () =>
        {
            _container = new KafkaBuilder(Image).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await _container.StartAsync(timeout.Token);
        });

    /// <summary>
    /// Runs <paramref name="start"/> when <paramref name="dockerAnswers"/> says a Docker endpoint answers, letting any
    /// exception out; otherwise returns the skip reason without starting anything.
    /// </summary>
    public static async Task<string?> StartUnlessNoDockerAsync(Func<bool> dockerAnswers, Func<Task> start)
    {
        ArgumentNullException.ThrowIfNull(dockerAnswers);
        ArgumentNullException.ThrowIfNull(start);
        if (!dockerAnswers())
        {
            return $"Real Apache Kafka ({Image}) needs a Docker engine, and no Docker endpoint answered here (DOCKER_HOST, ~/.testcontainers.properties, /var/run/docker.sock)";
        }

        await start();
        return null;
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
