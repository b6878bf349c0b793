using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class HourOfDayEnvelopeTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => Day0.AddDays(day).AddHours(hour).AddMinutes(minute);

    // Hour 12 of `day` goes from `low` to `high` in 5-minute steps; the hours around it sit at 0.
    private static void Feed(HourOfDayEnvelope envelope, int day, double low, double high)
    {
        envelope.Observe(At(day, 11, 55), 0);
        for (var m = 0; m < 60; m += 5)
        {
            envelope.Observe(At(day, 12, m), low + ((high - low) * m / 55.0));
        }

        envelope.Observe(At(day, 13), 0);
    }

    [Fact]
    public void A_value_within_what_its_hour_did_on_an_earlier_day_is_usual_and_one_beyond_it_is_not()
    {
        var envelope = new HourOfDayEnvelope(days: 7);
        Feed(envelope, day: 0, low: 10, high: 20);

        Assert.True(envelope.Observe(At(1, 12, 30), 15));
        Assert.True(envelope.Observe(At(1, 12, 35), 10));
        Assert.True(envelope.Observe(At(1, 12, 40), 20));
        Assert.False(envelope.Observe(At(1, 12, 45), 20.5));
        Assert.False(envelope.Observe(At(1, 12, 50), 9.5));
    }

    [Fact]
    public void Only_earlier_days_of_the_same_hour_count()
    {
        var envelope = new HourOfDayEnvelope(days: 7);
        // The same hour earlier today: not yet an earlier day.
        envelope.Observe(At(0, 12, 0), 10);
        envelope.Observe(At(0, 12, 5), 20);
        Assert.False(envelope.Observe(At(0, 12, 10), 15));

        // Another hour on the next day: hour 12's values say nothing about hour 14.
        Assert.False(envelope.Observe(At(1, 14, 0), 15));
        Assert.True(envelope.Observe(At(1, 12, 0), 15));
    }

    [Fact]
    public void Extremes_older_than_the_days_kept_expire()
    {
        var envelope = new HourOfDayEnvelope(days: 2);
        Feed(envelope, day: 0, low: 0, high: 100);

        Assert.True(envelope.Observe(At(2, 12, 0), 90));   // two days back: still kept
        envelope.Observe(At(2, 13, 0), 0);
        // On day 3 the extremes of day 0 are 3 days old: expired, although day 2's 90 lay within them.
        Assert.False(envelope.Observe(At(3, 12, 0), 50));
        // Day 3's hour then replaced both: the envelope is what came since, not the old extremes.
        Assert.False(envelope.Observe(At(4, 12, 0), 95));
        Assert.True(envelope.Observe(At(4, 12, 5), 50));
    }

    [Fact]
    public void A_series_sampled_once_a_day_compares_with_its_previous_days()
    {
        var envelope = new HourOfDayEnvelope(days: 7);
        Assert.False(envelope.Observe(At(0, 9), 10));
        Assert.False(envelope.Observe(At(1, 9), 30));
        Assert.True(envelope.Observe(At(2, 9), 20));
        Assert.False(envelope.Observe(At(3, 9), 31));
    }

    [Fact]
    public void A_non_finite_value_is_never_usual_and_teaches_nothing()
    {
        var envelope = new HourOfDayEnvelope(days: 7);
        Assert.False(envelope.Observe(At(0, 12), double.NaN));
        Assert.False(envelope.Observe(At(0, 12, 5), double.PositiveInfinity));
        envelope.Observe(At(0, 13), 0);

        Assert.False(envelope.Observe(At(1, 12), 0));
    }

    [Fact]
    public void Timestamps_before_1970_find_their_hour_too()
    {
        var envelope = new HourOfDayEnvelope(days: 7);
        var day0 = new DateTimeOffset(1969, 12, 30, 0, 0, 0, TimeSpan.Zero);
        envelope.Observe(day0.AddHours(23).AddMinutes(30), 5);
        envelope.Observe(day0.AddDays(1).AddHours(1), 0);

        Assert.True(envelope.Observe(day0.AddDays(1).AddHours(23).AddMinutes(10), 5));
        Assert.False(envelope.Observe(day0.AddDays(2).AddMinutes(10), 5));
    }

    [Fact]
    public void A_restored_envelope_goes_on_as_the_original()
    {
        var original = new HourOfDayEnvelope(days: 3);
        var values = Enumerable.Range(0, 5 * 24 * 6).Select(i => (At(0, 0, i * 10), 50 + (20 * Math.Sin(i / 20.0)) + (i % 7))).ToList();
        foreach (var (time, value) in values.Take(400))
        {
            original.Observe(time, value);
        }

        var copy = new HourOfDayEnvelope(days: 3);
        copy.Restore(original.Capture());

        var usual = 0;
        foreach (var (time, value) in values.Skip(400))
        {
            var expected = original.Observe(time, value);
            Assert.Equal(expected, copy.Observe(time, value));
            usual += expected ? 1 : 0;
        }

        Assert.InRange(usual, 1, values.Count - 401);
    }

    [Fact]
    public void A_state_of_the_wrong_shape_is_refused()
    {
        var state = new HourOfDayEnvelope(days: 7).Capture() with { Low = new float[3] };
        Assert.Throws<ArgumentException>(() => new HourOfDayEnvelope(days: 7).Restore(state));
    }
}
