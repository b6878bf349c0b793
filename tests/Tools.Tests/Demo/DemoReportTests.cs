using Streaming.Tools.Demo;
using Streaming.Tools.Simulation;

namespace Streaming.Tools.Tests.Demo;

public sealed class DemoReportTests
{
    [Fact]
    public void A_missed_anomaly_names_the_highest_score_read_within_its_reach_and_a_caught_one_when_it_was_flagged()
    {
        var (series, simulator) = OneSeriesAfter2000Points();

        var report = new DemoReport(series, simulator);
        var id = series[0].Id;
        DateTimeOffset At(long index) => simulator.Start + (SimulatorProducer.Step * index);
        report.ObserveScore(id, At(699), 0.99); // before the first spike: not within its reach
        report.ObserveScore(id, At(700), 0.31);
        report.ObserveScore(id, At(703), 0.42);
        report.ObserveScore(id, At(704), 0.12);
        var caught = new FlaggedPoint(id, At(1600), 1, 0, 1, "high");

        using var output = new StringWriter();
        report.Print(output, [caught]);
        var text = output.ToString();

        Assert.Contains("at point   700: MISSED (highest score 0.420 at +3)", text, StringComparison.Ordinal);
        Assert.Contains("at point  1600: flagged at +0", text, StringComparison.Ordinal);
        Assert.Contains("Summary: 1/2 injected anomalies flagged; 0 other flags", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_a_flag_outside_every_injected_anomaly_in_the_singular()
    {
        var (series, simulator) = OneSeriesAfter2000Points();

        var id = series[0].Id;
        var outside = new FlaggedPoint(id, simulator.Start + (SimulatorProducer.Step * 100), 1, 0, 1, "high");

        using var output = new StringWriter();
        new DemoReport(series, simulator).Print(output, [outside]);

        Assert.Contains("Summary: 0/2 injected anomalies flagged; 1 other flag in 2000 points (1 series).", output.ToString(), StringComparison.Ordinal);
    }

    // One series with spikes injected at points 700 and 1600, run to point 2000.
    private static (IReadOnlyList<SimulatedSeries> Series, SimulatorProducer Simulator) OneSeriesAfter2000Points()
    {
        var series = SimulationPlan.Create(1, 2000, kinds: [InjectedEventKind.Spike]);
        var simulator = new SimulatorProducer("127.0.0.1:9", "unused", series, 100);
        for (var i = 0; i < 2000; i++)
        {
            series[0].Next();
        }

        return (series, simulator);
    }
}
