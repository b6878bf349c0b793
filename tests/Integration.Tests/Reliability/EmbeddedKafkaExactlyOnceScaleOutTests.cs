using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>Scale-out in exactly-once mode (<c>Pipeline:Delivery=ExactlyOnce</c>) on the three-broker mock cluster: no duplicates either.</summary>
public sealed class EmbeddedKafkaExactlyOnceScaleOutTests(ThreeBrokerKafkaFixture kafka, ITestOutputHelper output)
    : ScaleOutScenarios(kafka, output, DeliveryGuarantee.ExactlyOnce, WorkerSettings.ExactlyOnce), IClassFixture<ThreeBrokerKafkaFixture>;
