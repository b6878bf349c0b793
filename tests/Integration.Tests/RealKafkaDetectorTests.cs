using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests;

/// <summary>The scenarios on Apache Kafka in Docker (skipped, with the reason, where no Docker engine answers).</summary>
public sealed class RealKafkaDetectorTests(RealKafkaFixture kafka) : DetectorScenarios(kafka), IClassFixture<RealKafkaFixture>;
