using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>Scale-out in exactly-once mode on Apache Kafka in Docker (skipped, with the reason, where no Docker engine answers).</summary>
public sealed class RealKafkaExactlyOnceScaleOutTests(RealKafkaFixture kafka, ITestOutputHelper output)
    : ScaleOutScenarios(kafka, output, DeliveryGuarantee.ExactlyOnce, WorkerSettings.ExactlyOnce), IClassFixture<RealKafkaFixture>;
