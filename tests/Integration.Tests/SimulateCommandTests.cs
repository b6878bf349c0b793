using System.Globalization;
using System.Text.RegularExpressions;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Tools.Cli;
using Streaming.Tools.Simulation;

namespace Streaming.Integration.Tests;

/// <summary><c>simulate</c> against a running cluster (here the embedded one, reached only through its address).</summary>
public sealed partial class SimulateCommandTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Simulate_feeds_the_input_topic_at_the_given_rate_with_the_chosen_anomalies()
    {
        const int rate = 400;
        const int seconds = 6;
        const int pointsPerSeries = rate * seconds;
        var topics = await TestTopics.CreateAsync(kafka, "sim");
        using var output = new StringWriter();
        var cli = ToolsCommandLine.Parse(["simulate", "--bootstrap", kafka.BootstrapServers, "--series", "2", "--rate", $"{rate}", "--kinds", "spike",
            "--duration", $"{seconds}", $"--Ingest:Topic={topics.Input}"]);
        Assert.Equal(0, await SimulateCommand.RunAsync(cli, output));
        var delivered = int.Parse(DeliveredCount().Match(output.ToString()).Groups[1].Value, CultureInfo.InvariantCulture);

        // Everything it reports delivered is on the topic, and a loaded machine may start late but never sends more.
        var messages = TopicReader.Read(kafka.BootstrapServers, topics.Input, delivered, TimeSpan.FromSeconds(30));
        Assert.Equal(delivered, messages.Count);
        Assert.InRange(messages.Count, 1, 2 * pointsPerSeries);
        var bySeries = messages.GroupBy(m => m.Key).ToDictionary(g => g.Key!, g => g.Select(m => m.Json).OrderBy(j => j.GetProperty("timestamp").GetDateTimeOffset()).ToList());
        Assert.Equal(2, bySeries.Count);
        var plan = SimulationPlan.Create(2, pointsPerSeries, kinds: [InjectedEventKind.Spike]);
        foreach (var s in plan)
        {
            var values = bySeries[s.Id].Select(j => j.GetProperty("value").GetDouble()).ToList();
            var spikeAt = (int)s.Events[0].AtPoint;
            Assert.Equal(InjectedEventKind.Spike, s.Events[0].Kind);
            // The first spike comes within the first third of the run (at most 800 points in, 2 s at this rate): a
            // run that stops before it is a simulator that fell far behind its own clock, which is a failure here.
            Assert.True(values.Count > spikeAt, $"{s.Id}: {values.Count} points sent, the spike is at point {spikeAt}");
            // The injected spike stands 4 amplitudes off the pattern: far above every other value up to the next event.
            var until = s.Events.Count > 1 ? (int)Math.Min(s.Events[1].AtPoint, values.Count) : values.Count;
            Assert.Equal(values.Take(until).Max(), values[spikeAt]);
        }
    }

    [Fact]
    public async Task Simulate_without_a_cluster_says_what_to_give()
    {
        var cli = ToolsCommandLine.Parse(["simulate", "--duration", "1"]);
        var ex = await Assert.ThrowsAsync<FormatException>(() => SimulateCommand.RunAsync(cli, TextWriter.Null));
        Assert.Contains("--bootstrap", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all", 3)]
    [InlineData("none", 0)]
    [InlineData("spike,flat-line", 2)]
    public void Kinds_are_parsed(string text, int count) =>
        Assert.Equal(count, SimulateCommand.ParseKinds(text).Count);

    [Fact]
    public void An_unknown_kind_is_named() =>
        Assert.Contains("'wobble'", Assert.Throws<FormatException>(() => SimulateCommand.ParseKinds("spike,wobble")).Message, StringComparison.Ordinal);

    [GeneratedRegex(@"Delivered (\d+) points\.")]
    private static partial Regex DeliveredCount();
}
