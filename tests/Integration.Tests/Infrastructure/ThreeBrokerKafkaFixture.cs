namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A three-broker mock cluster (scale-out scenarios: partition leaders on different brokers).</summary>
public sealed class ThreeBrokerKafkaFixture() : EmbeddedKafkaFixture(brokers: 3);
