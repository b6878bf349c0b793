using Microsoft.Extensions.Hosting;

namespace Streaming.Worker.Telemetry;

/// <summary>
/// The lifetime of the embedded web app: it starts and stops only when the worker's host tells it to. The default
/// (console) lifetime would hook Ctrl+C and SIGTERM itself and stop the endpoints while the worker still drains, and
/// print its own "Application started" lines.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
