namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A Kafka the scenarios run against: the embedded mock cluster here, a real broker where Docker runs.</summary>
public interface IKafkaUnderTest
{
    /// <summary>Why this Kafka is not available (the tests then report themselves skipped), or null.</summary>
    string? SkipReason { get; }

    /// <summary>host:port of the bootstrap broker.</summary>
    string BootstrapServers { get; }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions.</summary>
    Task CreateTopicAsync(string topic, int partitions);

    /// <summary>Consumer settings that make group joins quick on this Kafka.</summary>
    IReadOnlyDictionary<string, string> ConsumerSettings { get; }
}
