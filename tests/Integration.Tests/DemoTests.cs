using System.Text.RegularExpressions;
using Streaming.Tools.Cli;
using Streaming.Tools.Demo;

namespace Streaming.Integration.Tests;

/// <summary>The demo end to end in this process: embedded broker, simulator, worker and console view.</summary>
public partial class DemoTests
{
    [Fact]
    public async Task The_demo_flags_the_injected_anomalies_without_flooding_the_clean_stretches()
    {
        using var output = new StringWriter();
        var cli = ToolsCommandLine.Parse(["--duration", "25", "--rate", "100", "--Logging:LogLevel:Default=Warning", "--Telemetry:PrometheusUrl=", "--Telemetry:HealthUrl="]);
        var exit = await DemoCommand.RunAsync(cli, output);
        var text = output.ToString();

        Assert.Equal(0, exit);
        var summary = Summary().Match(text);
        Assert.True(summary.Success, text);
        var caught = int.Parse(summary.Groups["caught"].Value);
        var due = int.Parse(summary.Groups["due"].Value);
        var other = int.Parse(summary.Groups["other"].Value);
        Assert.True(due >= 6, $"only {due} anomalies were due: the demo did not run long enough\n{text}");
        Assert.True(caught == due, $"{caught} of {due} injected anomalies flagged\n{text}");
        Assert.True(other <= 2, $"{other} flags outside the injected anomalies\n{text}");
        Assert.Contains("ANOMALY", text);

        // The per-series table, drawn once at the end when the output is not a terminal.
        var rows = TableRow().Matches(text);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.True(int.Parse(r.Groups["points"].Value) > 700, r.Value));
        Assert.True(rows.Sum(r => int.Parse(r.Groups["anomalies"].Value)) >= 1, text);
    }

    [GeneratedRegex(@"^(?<series>sensor-\d\d-\w+)\s+(?<points>\d+)\s+\S+\s+\S+\s+\S+\s+(?<anomalies>\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"Summary: (?<caught>\d+)/(?<due>\d+) injected anomalies flagged; (?<other>\d+) other flags?")]
    private static partial Regex Summary();
}
