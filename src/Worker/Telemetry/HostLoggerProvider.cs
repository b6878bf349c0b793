using Microsoft.Extensions.Logging;

namespace Streaming.Worker.Telemetry;

/// <summary>
/// Hands the loggers of the embedded web app (Kestrel, hosting, health check middleware) to the worker host's own
/// logger factory, so that what passes the web app's minimum level is written like every other worker log line,
/// through the worker's providers and <c>Logging:</c> filters. The host owns the factory: disposing this does nothing.
/// </summary>
internal sealed class HostLoggerProvider(ILoggerFactory hostLoggers) : ILoggerProvider
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => hostLoggers.CreateLogger(categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
