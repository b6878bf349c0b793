using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Cli;
using Streaming.Worker.Simulation;

namespace Streaming.Integration.Tests;

/// <summary><c>simulate</c> against a running cluster (here the embedded one, reached only through its address).</summary>
public sealed class SimulateCommandTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Simulate_feeds_the_input_topic_at_the_given_rate_with_the_chosen_anomalies()
    {
        var topics = await TestTopics.CreateAsync(kafka, "sim");
        using var output = new StringWriter();
        var cli = CommandLine.Parse(["simulate", "--bootstrap", kafka.BootstrapServers, "--series", "2", "--rate", "400", "--kinds", "spike",
            "--duration", "3", $"--Ingest:Topic={topics.Input}"]);
        Assert.Equal(0, await cli.Spec.Run(cli));

        var messages = TopicReader.Read(kafka.BootstrapServers, topics.Input, 2000, TimeSpan.FromSeconds(20));
        // 3 s at 400 points/s for 2 series is ~2400 points; a loaded machine may start late but never sends more.
        Assert.InRange(messages.Count, 1000, 2 * 400 * 3 + 2);
        var bySeries = messages.GroupBy(m => m.Key).ToDictionary(g => g.Key!, g => g.Select(m => m.Json).OrderBy(j => j.GetProperty("timestamp").GetDateTimeOffset()).ToList());
        Assert.Equal(2, bySeries.Count);
        var plan = SimulationPlan.Create(2, 2400, kinds: [InjectedEventKind.Spike]);
        foreach (var s in plan)
        {
            var values = bySeries[s.Id].Select(j => j.GetProperty("value").GetDouble()).ToList();
            var spikeAt = (int)s.Events[0].AtPoint;
            Assert.Equal(InjectedEventKind.Spike, s.Events[0].Kind);
            if (values.Count > spikeAt)
            {
                // The injected spike stands 4 amplitudes off the pattern: far above every other value of the series.
                Assert.Equal(values.Max(), values[spikeAt]);
            }
        }
    }

    [Fact]
    public async Task Simulate_without_a_cluster_says_what_to_give()
    {
        var cli = CommandLine.Parse(["simulate", "--duration", "1"]);
        var ex = await Assert.ThrowsAsync<FormatException>(() => cli.Spec.Run(cli));
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

}
