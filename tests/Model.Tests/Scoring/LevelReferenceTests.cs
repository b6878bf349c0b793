using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class LevelReferenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    // A day-long swing between 50 and 100, every 5 minutes.
    private static double Usual(int i) => 75 + (25 * Math.Sin(2 * Math.PI * i / 288.0));

    private static DateTimeOffset At(int i) => Start.AddMinutes(5 * i);

    // `days` days of the usual swing fed into a fresh reference; returns the next point's index.
    private static int Feed(LevelReference reference, int days, Func<int, double>? value = null)
    {
        var points = days * 288;
        for (var i = 0; i < points; i++)
        {
            Assert.True(reference.Observe(At(i), (value ?? Usual)(i)) <= 1e-9 || i < 288);
        }

        return points;
    }

    [Fact]
    public void A_slow_collapse_is_measured_against_what_the_series_did_before_it_began()
    {
        var reference = new LevelReference(days: 7);
        var next = Feed(reference, days: 3);

        // Six hours down from 75 to 0, each step a fraction of a point: the range of all values would follow it.
        var depths = new List<double>();
        for (var k = 1; k <= 72; k++)
        {
            depths.Add(reference.Observe(At(next++), 75 - (75.0 * k / 72)));
        }

        Assert.Equal(0, depths[20]);
        Assert.InRange(depths[^1], 0.98, 1.02); // 50 below a range of 50
        Assert.True(depths.Zip(depths.Skip(1)).Skip(40).All(p => p.Second > p.First));
    }

    [Fact]
    public void The_last_hours_are_held_out_of_the_reference()
    {
        var reference = new LevelReference(days: 7);
        var next = Feed(reference, days: 3);

        // Five hours at 20: an hour later they are still too recent to be the series' level.
        for (var k = 0; k < 5 * 12; k++)
        {
            reference.Observe(At(next++), 20);
        }

        Assert.InRange(reference.Observe(At(next), 20), 0.59, 0.61);
    }

    [Fact]
    public void Nothing_is_judged_before_a_day_of_history_has_joined_the_reference()
    {
        var reference = new LevelReference(days: 7);
        var hours = LevelReference.MinHistoryHours + LevelReference.LagHours;
        for (var i = 0; i < hours * 12; i++)
        {
            Assert.Equal(0, reference.Observe(At(i), i % 2 == 0 ? 0 : 1));
        }

        Assert.True(reference.Observe(At(hours * 12), 10) > 1);
    }

    [Fact]
    public void An_early_spike_stretches_the_reference_only_for_its_days()
    {
        double WithSpike(int i) => i == 100 ? 1000 : Usual(i);
        var week = new LevelReference(days: 7);
        var month = new LevelReference(days: 30);
        var next = Feed(week, days: 10, WithSpike);
        Feed(month, days: 10, WithSpike);

        // 150 lies one range above the usual swing, and far inside the spike's.
        Assert.InRange(week.Observe(At(next), 150), 0.99, 1.01);
        Assert.Equal(0, month.Observe(At(next), 150));
    }

    [Fact]
    public void A_restored_reference_goes_on_exactly_where_the_original_stopped()
    {
        var original = new LevelReference(days: 7);
        var next = Feed(original, days: 3);
        var restored = new LevelReference(days: 7);
        restored.Restore(original.Capture());

        for (var k = 0; k < 500; k++)
        {
            var value = Usual(next) - (0.2 * k);
            Assert.Equal(original.Observe(At(next), value), restored.Observe(At(next), value));
            next++;
        }

        Assert.True(original.Observe(At(next), -1000) > 0);
    }

    [Fact]
    public void Non_finite_values_score_nothing_and_teach_nothing()
    {
        var reference = new LevelReference(days: 7);
        var next = Feed(reference, days: 2);
        var before = reference.Capture();

        Assert.Equal(0, reference.Observe(At(next), double.NaN));
        Assert.Equal(0, reference.Observe(At(next), double.PositiveInfinity));
        Assert.Equivalent(before, reference.Capture());
    }

    [Fact]
    public void A_state_no_reference_could_have_is_refused()
    {
        var reference = new LevelReference(days: 7);
        var state = reference.Capture() with { RecentHour = new long[LevelReference.LagHours + 1], RecentLow = new float[LevelReference.LagHours + 1], RecentHigh = new float[LevelReference.LagHours + 1] };

        Assert.Throws<ArgumentException>(() => reference.Restore(state));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelReference(days: 0));
    }
}
