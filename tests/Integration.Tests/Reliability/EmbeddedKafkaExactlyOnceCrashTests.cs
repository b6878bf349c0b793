using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>The crash scenario in exactly-once mode (<c>Pipeline:Delivery=ExactlyOnce</c>) on the embedded mock cluster: no duplicates either.</summary>
public sealed class EmbeddedKafkaExactlyOnceCrashTests(EmbeddedKafkaFixture kafka, ITestOutputHelper output)
    : CrashScenarios(kafka, output, DeliveryGuarantee.ExactlyOnce, WorkerSettings.ExactlyOnce), IClassFixture<EmbeddedKafkaFixture>;
