using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests;

/// <summary>The scenarios on the embedded librdkafka mock cluster (always runs).</summary>
public sealed class EmbeddedKafkaDetectorTests(EmbeddedKafkaFixture kafka) : DetectorScenarios(kafka), IClassFixture<EmbeddedKafkaFixture>;
