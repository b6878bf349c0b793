using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>The fault scenarios in exactly-once mode (<c>Pipeline:Delivery=ExactlyOnce</c>): no duplicates either.</summary>
public sealed class MockClusterExactlyOnceFaultTests(ITestOutputHelper output)
    : MockClusterFaultScenarios(output, DeliveryGuarantee.ExactlyOnce, WorkerSettings.ExactlyOnce);
