using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streaming.Ingest.Kafka;

namespace Streaming.Worker.Health;

/// <summary>Readiness: the consumer has its partitions, the state is restored and the model loaded.</summary>
public sealed class WorkerReadyCheck(PointConsumer consumer, WorkerReadiness readiness) : IHealthCheck
{
    /// <summary>Tag of the readiness checks (<c>/health/ready</c>).</summary>
    public const string Tag = "ready";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["partitions"] = consumer.AssignedPartitions,
            ["model"] = readiness.ModelLoaded ?? "loading",
            ["state"] = readiness.StateRestored ?? "restoring",
        };
        var result = (readiness.ModelLoaded, readiness.StateRestored, consumer.HasJoinedGroup) switch
        {
            _ when !consumer.IsRunning => HealthCheckResult.Unhealthy("the consume thread is not running", data: data),
            (null, _, _) => HealthCheckResult.Unhealthy("the model is not loaded yet", data: data),
            (_, null, _) => HealthCheckResult.Unhealthy("the state is not restored yet", data: data),
            (_, _, false) => HealthCheckResult.Unhealthy("no partitions assigned yet (joining the consumer group)", data: data),
            _ => HealthCheckResult.Healthy($"{consumer.AssignedPartitions} input partitions assigned", data),
        };
        return Task.FromResult(result);
    }
}
