using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Pipeline;

namespace Streaming.Worker.Health;

/// <summary>Liveness: the consume thread polls the broker and the model and publish threads run.</summary>
public sealed class LoopsAliveCheck(PointConsumer consumer, ModelLoop modelLoop, PublishLoop publishLoop, IOptions<TelemetryOptions> telemetry) : IHealthCheck
{
    /// <summary>Tag of the liveness checks (<c>/health/live</c>).</summary>
    public const string Tag = "live";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stall = TimeSpan.FromSeconds(telemetry.Value.StallSeconds);
        var result = (consumer.IsRunning, consumer.SinceLastPoll, modelLoop.IsRunning) switch
        {
            (false, _, _) => HealthCheckResult.Unhealthy("the consume thread is not running"),
            (_, null, _) => HealthCheckResult.Unhealthy("the consume thread has not polled yet"),
            (_, { } since, _) when since > stall => HealthCheckResult.Unhealthy($"the consume thread has not polled for {since.TotalSeconds:F0} s"),
            (_, _, false) => HealthCheckResult.Unhealthy("the model thread is not running"),
            _ when !publishLoop.IsRunning => HealthCheckResult.Unhealthy("the publish thread is not running"),
            _ => HealthCheckResult.Healthy("consume, model and publish threads running"),
        };
        return Task.FromResult(result);
    }
}
