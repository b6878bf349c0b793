using Streaming.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>The crash scenario on Apache Kafka in Docker (skipped, with the reason, where no Docker engine answers).</summary>
public sealed class RealKafkaCrashTests(RealKafkaFixture kafka, ITestOutputHelper output)
    : CrashScenarios(kafka, output), IClassFixture<RealKafkaFixture>;
