using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Worker.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Streaming.Worker.Tests.Deploy;

/// <summary>
/// The compose profile <c>observe</c> (Prometheus and Grafana) without Docker: its services, the scrape target, and
/// every metric the dashboard queries against the worker's own instruments, named as the Prometheus exporter names them.
/// </summary>
public partial class ObserveProfileTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Prometheus_and_grafana_run_only_in_the_observe_profile()
    {
        foreach (var name in new[] { "prometheus", "grafana" })
        {
            var service = Assert.IsType<YamlMappingNode>(Services.Children[name]);
            Assert.Equal(["observe"], ((YamlSequenceNode)service.Children["profiles"]).Children.Select(c => ((YamlScalarNode)c).Value));
        }

        var plain = Services.Children.Where(s => !((YamlMappingNode)s.Value).Children.ContainsKey("profiles")).Select(s => ((YamlScalarNode)s.Key).Value);
        Assert.Subset(plain.ToHashSet(), new HashSet<string?> { "kafka", "create-topics", "worker", "simulator", "anomalies" });
    }

    [Fact]
    public void Prometheus_scrapes_the_worker_where_it_serves_its_metrics()
    {
        var worker = (YamlMappingNode)Services.Children["worker"];
        var environment = (YamlMappingNode)worker.Children["environment"];
        var url = new Uri(((YamlScalarNode)environment.Children["Telemetry__PrometheusUrl"]).Value!.Replace("+", "localhost", StringComparison.Ordinal));
        var config = RepositoryFiles.Read("deploy/observe/prometheus.yml");
        Assert.Contains($"targets: [\"worker:{url.Port}\"]", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_metric_the_dashboard_queries_is_one_the_worker_exports()
    {
        var exported = ExportedNames();
        using var dashboard = JsonDocument.Parse(RepositoryFiles.Read("deploy/observe/grafana/dashboards/worker.json"));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 6, "the dashboard lost panels");
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            var names = panel.GetProperty("targets").EnumerateArray()
                .SelectMany(t => MetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value)).ToList();
            Assert.True(names.Count > 0, $"panel '{title}' queries no detector metric");
            Assert.All(names, n => Assert.True(exported.Contains(n), $"panel '{title}' queries {n}, which the worker does not export ({string.Join(", ", exported.Order())})"));
        }
    }

    // The instruments a real DetectorMetrics creates, named as OpenTelemetry's Prometheus exporter writes them: dots to
    // underscores, a unit of seconds as _seconds (annotations such as {point} are dropped), counters with _total,
    // histograms as _bucket, _sum and _count.
    private static HashSet<string> ExportedNames()
    {
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != DetectorMetrics.MeterName)
            {
                return;
            }

            var name = instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "");
            var type = instrument.GetType().Name;
            if (type.StartsWith("Counter", StringComparison.Ordinal))
            {
                names.Add(name + "_total");
            }
            else if (type.StartsWith("Histogram", StringComparison.Ordinal))
            {
                names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            }
            else
            {
                names.Add(name);
            }
        };
        listener.Start();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new DetectorMetrics(services.GetRequiredService<IMeterFactory>());
        Assert.NotEmpty(names);
        return names;
    }

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(RepositoryFiles.Read("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["services"];
    }

    [GeneratedRegex(@"detector_[a-z_]+")]
    private static partial Regex MetricName();
}
