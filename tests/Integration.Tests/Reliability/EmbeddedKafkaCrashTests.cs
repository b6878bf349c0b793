using Streaming.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>The crash scenario on the embedded mock cluster, hosted by the test process (always runs).</summary>
public sealed class EmbeddedKafkaCrashTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
    : CrashScenarios(kafka, output), IClassFixture<EmbeddedKafkaFixture>;
