using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Worker.Health;
using Streaming.Worker.Options;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Hosting;

/// <summary>
/// Registers metrics export (OpenTelemetry: Prometheus scrape endpoint, OTLP) and the health checks with the endpoints
/// that serve them (<see cref="TelemetryEndpointServer"/>, Kestrel).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Telemetry:</c>. Exporters and the HTTP endpoints start with the host, never while it is only built,
    /// so commands that build a host without running it (validation, replay) open no port.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<DetectorMetrics>();
        services.AddSingleton<WorkerReadiness>();
        services.AddHealthChecks()
            .AddCheck<LoopsAliveCheck>("loops", tags: [LoopsAliveCheck.Tag])
            .AddCheck<WorkerReadyCheck>("ready", tags: [WorkerReadyCheck.Tag]);
        services.AddHostedService<TelemetryEndpointServer>();
        return services;
    }
}
