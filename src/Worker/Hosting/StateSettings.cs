using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;

namespace Streaming.Worker.Hosting;

/// <summary>The state topics (null when <c>State:Enabled</c> is off), the delivery mode and the restore time limit.</summary>
public sealed record StateSettings(CompactedTopics? Topics, bool ExactlyOnce, TimeSpan Timeout);
