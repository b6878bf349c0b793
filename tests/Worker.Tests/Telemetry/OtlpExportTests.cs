using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming.Tools;
using Streaming.Worker.Hosting;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Telemetry;

public class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_detector_metrics_are_pushed_to_it()
    {
        var port = LocalPorts.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        using var host = ToolsHost.CreateBuilder([],
        [
            new("Kafka:BootstrapServers", "embedded"),
            new("Telemetry:PrometheusUrl", ""),
            new("Telemetry:HealthUrl", ""),
            new("Telemetry:OtlpEndpoint", $"http://127.0.0.1:{port}/v1/metrics"),
            new("Telemetry:OtlpProtocol", "http/protobuf"),
            new("Telemetry:ExportIntervalSeconds", "1"),
        ]).Build().ValidateOptions();
        var exporter = host.Services.GetServices<IHostedService>().OfType<TelemetryEndpointServer>().Single();
        await exporter.StartAsync(CancellationToken.None);
        try
        {
            // Measurements count from the moment the exporter listens to the meter.
            host.Services.GetRequiredService<DetectorMetrics>().PointsIn(7);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            string text;
            HttpListenerRequest request;
            do
            {
                var context = await collector.GetContextAsync().WaitAsync(deadline - DateTime.UtcNow);
                request = context.Request;
                using var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                context.Response.StatusCode = 200;
                context.Response.Close();
                text = Encoding.UTF8.GetString(body.ToArray());
            }
            while (!text.Contains("detector.points.in", StringComparison.Ordinal));

            Assert.Equal("POST", request.HttpMethod);
            Assert.Equal("/v1/metrics", request.Url!.AbsolutePath);
            Assert.Contains("protobuf", request.ContentType, StringComparison.Ordinal);
            Assert.Contains(TelemetryEndpointServer.ServiceName, text, StringComparison.Ordinal);
        }
        finally
        {
            await exporter.StopAsync(CancellationToken.None);
        }
    }
}
