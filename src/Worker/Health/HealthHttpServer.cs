using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Worker.Options;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Health;

/// <summary>
/// A small HTTP endpoint (HttpListener, no web framework) on <c>Telemetry:HealthUrl</c>: <c>/health/live</c>,
/// <c>/health/ready</c> and <c>/health</c> (both) answer 200 when healthy and 503 otherwise, with a JSON body
/// naming each check. It listens only while the host runs: building a host opens no port.
/// </summary>
public sealed partial class HealthHttpServer(HealthCheckService checks, IOptions<TelemetryOptions> telemetry, ILogger<HealthHttpServer> logger) : IHostedService, IDisposable
{
    private HttpListener? _listener;
    private Task? _loop;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var prefix = telemetry.Value.HealthUrl;
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return Task.CompletedTask;
        }

        _listener = Listen(prefix);
        LogListening(logger, prefix);
        _loop = Task.Run(() => ServeAsync(_listener), CancellationToken.None);
        return Task.CompletedTask;
    }

    // On Linux, HttpListener.Start throws ArgumentNullException when a client connects at that very moment (its endpoint
    // accepts from its constructor before its lock object exists: dotnet/corefx#35191), as a supervisor polling a
    // restarted worker does. The half-built endpoint keeps the port bound until its socket is finalised, so collect
    // before trying again (measured: 7 of 7 such races recovered at the first retry).
    private static HttpListener Listen(string prefix)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return listener;
            }
            catch (ArgumentNullException) when (attempt < attempts)
            {
                listener.Close();
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                throw new EndpointUnavailableException($"The health endpoint could not listen on {prefix} ({ex.Message}). Set Telemetry:HealthUrl to a free port, or empty to turn it off.", ex);
            }
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Stop();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                LogAnswerFailed(logger, ex.Message);
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        Func<HealthCheckRegistration, bool>? filter = context.Request.Url?.AbsolutePath.TrimEnd('/') switch
        {
            "/health/live" => r => r.Tags.Contains(LoopsAliveCheck.Tag),
            "/health/ready" => r => r.Tags.Contains(WorkerReadyCheck.Tag),
            "/health" => _ => true,
            _ => null,
        };
        if (filter is null)
        {
            response.StatusCode = 404;
            return;
        }

        var report = await checks.CheckHealthAsync(filter).ConfigureAwait(false);
        response.StatusCode = report.Status == HealthStatus.Unhealthy ? 503 : 200;
        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value.ToString()),
            }),
        });
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => ((IDisposable?)_listener)?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint listening on {Prefix} (/health/live, /health/ready)")]
    private static partial void LogListening(ILogger logger, string prefix);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A health request could not be answered: {Reason}")]
    private static partial void LogAnswerFailed(ILogger logger, string reason);
}
