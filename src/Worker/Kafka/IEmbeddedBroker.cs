namespace Streaming.Worker.Kafka;

/// <summary>
/// An in-process broker for trying the worker without a cluster (<c>Kafka:BootstrapServers=embedded</c>). The service
/// carries none: the tools register theirs (librdkafka's mock cluster), so a deployed worker can only reach a real one.
/// </summary>
public interface IEmbeddedBroker
{
    /// <summary>Starts the broker with <paramref name="topics"/> (name and partitions); returns its bootstrap address.</summary>
    string Start(IReadOnlyList<(string Topic, int Partitions)> topics);
}
