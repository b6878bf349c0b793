using Streaming.Worker.Kafka;

namespace Streaming.Tools.Embedded;

/// <summary>The tools' embedded broker: a librdkafka mock cluster in this process, started once, stopped with the host.</summary>
public sealed class MockClusterBroker : IEmbeddedBroker, IDisposable
{
    private readonly Lock _lock = new();
    private MockCluster? _cluster;

    /// <inheritdoc />
    public string Start(IReadOnlyList<(string Topic, int Partitions)> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        lock (_lock)
        {
            _cluster ??= MockCluster.Start();
            foreach (var (topic, partitions) in topics)
            {
                _cluster.CreateTopic(topic, partitions);
            }

            return _cluster.BootstrapServers;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cluster?.Dispose();
}
