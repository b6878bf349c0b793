using Streaming.Tools.Simulation;

namespace Streaming.Tools.Tests.Simulation;

public class SimulatedSeriesTests
{
    private static double[] Run(SimulatedSeries series, int points) => [.. Enumerable.Range(0, points).Select(_ => series.Next())];

    [Fact]
    public void A_spike_stands_out_at_its_index_only()
    {
        var clean = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [], 1), 200);
        var spiked = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [new InjectedEvent(InjectedEventKind.Spike, 120, 1)], 1), 200);
        Assert.Equal(8.0, spiked[120] - clean[120], 9);
        Assert.Equal(clean[119], spiked[119]);
        Assert.Equal(clean[121], spiked[121]);
    }

    [Fact]
    public void A_level_shift_persists()
    {
        var clean = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [], 1), 200);
        var shifted = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [new InjectedEvent(InjectedEventKind.LevelShift, 100, 1)], 1), 200);
        Assert.Equal(clean[99], shifted[99]);
        Assert.All(Enumerable.Range(100, 100), i => Assert.Equal(4.0, shifted[i] - clean[i], 9));
    }

    [Fact]
    public void A_flat_line_holds_one_value_then_the_pattern_resumes()
    {
        var clean = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [], 1), 200);
        var flat = Run(new SimulatedSeries("a", SeriesShape.CleanSine, 10, 2, 50, [new InjectedEvent(InjectedEventKind.FlatLine, 100, 30)], 1), 200);
        Assert.All(Enumerable.Range(100, 30), i => Assert.Equal(flat[100], flat[i]));
        Assert.Equal(clean[130], flat[130]);
    }

    [Fact]
    public void The_plan_spreads_every_kind_over_the_series_after_warm_up()
    {
        var plan = SimulationPlan.Create(6, 3000);
        Assert.Equal(6, plan.Count);
        Assert.Equal(6, plan.Select(s => s.Id).Distinct().Count());
        var events = plan.SelectMany(s => s.Events).ToList();
        Assert.All(events, e => Assert.InRange(e.AtPoint, 700, 2950));
        Assert.Equal(3, events.Select(e => e.Kind).Distinct().Count());
    }
}
