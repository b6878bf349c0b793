using Streaming.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>
/// Scale-out on the three-broker mock cluster with the worker's default snapshot interval (30 s) rather than 2 s:
/// slower, as partitions move only once every series has been saved, and it must lose nothing either.
/// </summary>
public sealed class EmbeddedKafkaDefaultSnapshotScaleOutTests(ThreeBrokerKafkaFixture kafka, ITestOutputHelper output)
    : ScaleOutScenarios(kafka, output, snapshotIntervalSeconds: null), IClassFixture<ThreeBrokerKafkaFixture>;
