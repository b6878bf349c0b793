using Streaming.Worker.Options;
using Xunit.Abstractions;

namespace Streaming.Integration.Tests.Reliability;

/// <summary>The fault scenarios in the default at-least-once mode.</summary>
public sealed class MockClusterFaultTests(ITestOutputHelper output) : MockClusterFaultScenarios(output, DeliveryGuarantee.AtLeastOnce);
