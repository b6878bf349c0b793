using Streaming.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>Scale-out on a three-broker embedded mock cluster (partition leaders spread over the brokers; always runs).</summary>
public sealed class EmbeddedKafkaScaleOutTests(ThreeBrokerKafkaFixture kafka, ITestOutputHelper output)
    : ScaleOutScenarios(kafka, output), IClassFixture<ThreeBrokerKafkaFixture>;
