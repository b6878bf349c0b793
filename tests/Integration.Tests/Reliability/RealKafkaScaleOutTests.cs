using Streaming.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>Scale-out on Apache Kafka in Docker (skipped, with the reason, where no Docker engine answers).</summary>
public sealed class RealKafkaScaleOutTests(RealKafkaFixture kafka, ITestOutputHelper output)
    : ScaleOutScenarios(kafka, output), IClassFixture<RealKafkaFixture>;
