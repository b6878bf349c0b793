using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Worker.Health;

/// <summary>
/// The body of <c>/health/live</c>, <c>/health/ready</c> and <c>/health</c>:
/// <c>{"status":…,"checks":{"NAME":{"status":…,"description":…,"data":{…}}}}</c>, data values as strings.
/// The status code (200 healthy or degraded, 503 unhealthy) is set by the health check middleware before this runs.
/// </summary>
public static class HealthReportJson
{
    /// <summary>The <c>ResponseWriter</c> of the health endpoints' <c>HealthCheckOptions</c>.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(Serialize(report), context.RequestAborted).AsTask();
    }

    /// <summary>The JSON body for <paramref name="report"/>, UTF-8.</summary>
    public static byte[] Serialize(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.ToDictionary(d => d.Key, d => d.Value.ToString()),
            }),
        });
    }
}
