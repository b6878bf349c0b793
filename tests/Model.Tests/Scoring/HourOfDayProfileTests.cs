using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class HourOfDayProfileTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => Day0.AddDays(day).AddHours(hour).AddMinutes(minute);

    // Hour 12 of `day` goes from `low` to `high` in 5-minute steps; the hours around it sit at 0.
    private static void Feed(HourOfDayProfile envelope, int day, double low, double high)
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
        var envelope = new HourOfDayProfile(days: 7);
        Feed(envelope, day: 0, low: 10, high: 20);

        Assert.True(envelope.Observe(At(1, 12, 30), 15).Usual);
        Assert.True(envelope.Observe(At(1, 12, 35), 10).Usual);
        Assert.True(envelope.Observe(At(1, 12, 40), 20).Usual);
        Assert.False(envelope.Observe(At(1, 12, 45), 20.5).Usual);
        Assert.False(envelope.Observe(At(1, 12, 50), 9.5).Usual);
    }

    [Fact]
    public void Only_earlier_days_of_the_same_hour_count()
    {
        var envelope = new HourOfDayProfile(days: 7);
        // The same hour earlier today: not yet an earlier day.
        envelope.Observe(At(0, 12, 0), 10);
        envelope.Observe(At(0, 12, 5), 20);
        Assert.False(envelope.Observe(At(0, 12, 10), 15).Usual);

        // Another hour on the next day: hour 12's values say nothing about hour 14.
        Assert.False(envelope.Observe(At(1, 14, 0), 15).Usual);
        Assert.True(envelope.Observe(At(1, 12, 0), 15).Usual);
    }

    [Fact]
    public void A_value_its_neighbouring_hour_had_on_an_earlier_day_is_usual_within_an_hour_only()
    {
        var envelope = new HourOfDayProfile(days: 7);
        Feed(envelope, day: 0, low: 10, high: 20);

        // A job an hour early or late: not usual for its own hour, usual within an hour of it.
        var early = envelope.Observe(At(1, 11, 50), 15);
        Assert.False(early.Usual);
        Assert.True(early.UsualWithinAnHour);
        Assert.True(envelope.Observe(At(1, 13, 10), 15).UsualWithinAnHour);
        // Beyond the neighbour's envelope, or two hours off, it is not.
        Assert.False(envelope.Observe(At(1, 13, 20), 25).UsualWithinAnHour);
        Assert.False(envelope.Observe(At(1, 14, 10), 15).UsualWithinAnHour);
        // Its own hour still counts, the week's days still expire.
        Assert.True(envelope.Observe(At(2, 12, 0), 15).UsualWithinAnHour);
        Assert.False(envelope.Observe(At(9, 13, 0), 15).UsualWithinAnHour);
    }

    [Fact]
    public void The_hour_before_counts_only_from_earlier_days()
    {
        var envelope = new HourOfDayProfile(days: 7);
        // Hour 12 closed today already: a value it had is not yet an earlier day's for hour 13.
        envelope.Observe(At(0, 12, 0), 10);
        envelope.Observe(At(0, 12, 30), 20);
        Assert.False(envelope.Observe(At(0, 13, 0), 15).UsualWithinAnHour);
        // The next day it is.
        Assert.True(envelope.Observe(At(1, 13, 0), 15).UsualWithinAnHour);
    }

    [Fact]
    public void Extremes_older_than_the_days_kept_expire()
    {
        var envelope = new HourOfDayProfile(days: 2);
        Feed(envelope, day: 0, low: 0, high: 100);

        Assert.True(envelope.Observe(At(2, 12, 0), 90).Usual);   // two days back: still kept
        envelope.Observe(At(2, 13, 0), 0);
        // On day 3 the extremes of day 0 are 3 days old: expired, although day 2's 90 lay within them.
        Assert.False(envelope.Observe(At(3, 12, 0), 50).Usual);
        // Day 3's hour then replaced both: the envelope is what came since, not the old extremes.
        Assert.False(envelope.Observe(At(4, 12, 0), 95).Usual);
        Assert.True(envelope.Observe(At(4, 12, 5), 50).Usual);
    }

    [Theory]
    [InlineData(0.066, 1.0)]
    [InlineData(0.0, 1.1)]
    public void An_extreme_its_hour_reaches_again_stays_fresh(double low, double high)
    {
        // A job's floor and peak, the same readings every day. A reading that is not a float (0.066 low, 1.1 high) is
        // kept rounded outwards, and each day's equal reading must still count as reaching it.
        var envelope = new HourOfDayProfile(days: 2);
        for (var day = 0; day < 3; day++)
        {
            envelope.Observe(At(day, 12, 0), low);
            envelope.Observe(At(day, 12, 5), high);
            envelope.Observe(At(day, 13, 0), 0);
        }

        // Day 0's extremes have expired by day 3, but days 1 and 2 reached them again.
        Assert.True(envelope.Observe(At(3, 12, 0), (low + high) / 2).Usual);
    }

    [Fact]
    public void A_series_sampled_once_a_day_compares_with_its_previous_days()
    {
        var envelope = new HourOfDayProfile(days: 7);
        Assert.False(envelope.Observe(At(0, 9), 10).Usual);
        Assert.False(envelope.Observe(At(1, 9), 30).Usual);
        Assert.True(envelope.Observe(At(2, 9), 20).Usual);
        Assert.False(envelope.Observe(At(3, 9), 31).Usual);
    }

    [Fact]
    public void A_non_finite_value_is_never_usual_and_teaches_nothing()
    {
        var envelope = new HourOfDayProfile(days: 7);
        Assert.False(envelope.Observe(At(0, 12), double.NaN).Usual);
        Assert.False(envelope.Observe(At(0, 12, 5), double.PositiveInfinity).Usual);
        envelope.Observe(At(0, 13), 0);

        Assert.False(envelope.Observe(At(1, 12), 0).Usual);
    }

    [Fact]
    public void Timestamps_before_1970_find_their_hour_too()
    {
        var envelope = new HourOfDayProfile(days: 7);
        var day0 = new DateTimeOffset(1969, 12, 30, 0, 0, 0, TimeSpan.Zero);
        envelope.Observe(day0.AddHours(23).AddMinutes(30), 5);
        envelope.Observe(day0.AddDays(1).AddHours(1), 0);

        Assert.True(envelope.Observe(day0.AddDays(1).AddHours(23).AddMinutes(10), 5).Usual);
        Assert.False(envelope.Observe(day0.AddDays(2).AddMinutes(10), 5).Usual);
    }

    [Fact]
    public void A_restored_profile_goes_on_as_the_original()
    {
        var original = new HourOfDayProfile(days: 3);
        var values = Enumerable.Range(0, 5 * 24 * 6).Select(i => (At(0, 0, i * 10), 50 + (20 * Math.Sin(i / 20.0)) + (i % 7))).ToList();
        foreach (var (time, value) in values.Take(400))
        {
            original.Observe(time, value);
        }

        var copy = new HourOfDayProfile(days: 3);
        copy.Restore(original.Capture());

        var (usual, withMean) = (0, 0);
        foreach (var (time, value) in values.Skip(400))
        {
            var expected = original.Observe(time, value);
            Assert.Equal(expected, copy.Observe(time, value));
            usual += expected.Usual ? 1 : 0;
            withMean += double.IsFinite(expected.DayAgoMean) ? 1 : 0;
        }

        Assert.InRange(usual, 1, values.Count - 401);
        Assert.InRange(withMean, 1, values.Count - 400);
    }

    [Fact]
    public void A_state_of_the_wrong_shape_is_refused()
    {
        var state = new HourOfDayProfile(days: 7).Capture() with { Low = new float[3] };
        Assert.Throws<ArgumentException>(() => new HourOfDayProfile(days: 7).Restore(state));
    }

    [Fact]
    public void The_day_ago_mean_is_the_mean_of_the_same_hour_yesterday()
    {
        var profile = new HourOfDayProfile(days: 7);
        Feed(profile, day: 0, low: 10, high: 20);

        // Not today's hour 12 (still being filled), nor another hour.
        Assert.True(double.IsNaN(profile.Observe(At(0, 14), 0).DayAgoMean));
        Assert.True(double.IsNaN(profile.Observe(At(1, 10, 30), 0).DayAgoMean));
        Assert.Equal(0, profile.Observe(At(1, 11, 55), 5).DayAgoMean);   // hour 11 had one 0 at 11:55
        // Hour 12 of day 0 went evenly from 10 to 20: its mean is 15, whatever today's value.
        Assert.Equal(15, profile.Observe(At(1, 12, 30), 99).DayAgoMean, 5);
        Assert.Equal(15, profile.Observe(At(1, 12, 35), -1).DayAgoMean, 5);
    }

    [Fact]
    public void The_day_ago_mean_is_the_latest_day_s_and_at_most_two_days_old()
    {
        var profile = new HourOfDayProfile(days: 7);
        Feed(profile, day: 0, low: 10, high: 10);
        Feed(profile, day: 1, low: 30, high: 30);

        Assert.Equal(30, profile.Observe(At(2, 12), 0).DayAgoMean);   // yesterday's, not the week's
        profile.Observe(At(2, 13), 0);
        // Day 3 has no hour 12: on day 4 the day before yesterday's still counts, on day 5 it is too old.
        Assert.Equal(0, profile.Observe(At(4, 12), 7).DayAgoMean);
        profile.Observe(At(4, 13), 0);
        Assert.Equal(7, profile.Observe(At(5, 12), 0).DayAgoMean);
        profile.Observe(At(5, 13), 0);
        Assert.True(double.IsNaN(profile.Observe(At(8, 12), 0).DayAgoMean));
    }

    [Fact]
    public void With_no_days_kept_nothing_is_usual_but_the_day_ago_mean_is_kept()
    {
        var profile = new HourOfDayProfile(days: 0);
        Feed(profile, day: 0, low: 10, high: 20);

        var view = profile.Observe(At(1, 12), 15);
        Assert.False(view.Usual);
        Assert.Equal(15, view.DayAgoMean, 5);
    }

    [Fact]
    public void A_state_from_before_the_means_restores_without_them()
    {
        var original = new HourOfDayProfile(days: 7);
        Feed(original, day: 0, low: 10, high: 20);
        original.Observe(At(1, 12), 12);
        var old = original.Capture() with { Mean = null, MeanDay = null, OpenSum = 0, OpenCount = 0 };

        var restored = new HourOfDayProfile(days: 7);
        restored.Restore(old);

        // The envelope is back; the means are not, and the open hour's mean counts only the values since the restore.
        var view = restored.Observe(At(1, 12, 5), 16);
        Assert.True(view.Usual);
        Assert.True(double.IsNaN(view.DayAgoMean));
        restored.Observe(At(1, 13), 0);
        Assert.Equal(16, restored.Observe(At(2, 12), 15).DayAgoMean, 5);
    }

    [Fact]
    public void The_week_ago_mean_is_the_mean_of_the_same_hour_exactly_a_week_earlier()
    {
        var profile = new HourOfDayProfile(days: 7);
        Feed(profile, day: 0, low: 10, high: 20);
        Feed(profile, day: 1, low: 40, high: 40);

        Assert.True(double.IsNaN(profile.Observe(At(6, 12), 0).WeekAgoMean));
        profile.Observe(At(6, 13), 0);
        Assert.Equal(15, profile.Observe(At(7, 12, 30), 99).WeekAgoMean, 5);
        Assert.True(double.IsNaN(profile.Observe(At(7, 14), 0).WeekAgoMean));   // hour 14 of day 0 was never seen
        Assert.Equal(40, profile.Observe(At(8, 12), 0).WeekAgoMean, 5);
        profile.Observe(At(8, 13), 0);
        // Day 2 had no hour 12; day 1's hour 11 is two weeks old by day 15, while its hour 12 was seen again on day 8.
        Assert.True(double.IsNaN(profile.Observe(At(9, 12), 0).WeekAgoMean));
        profile.Observe(At(9, 13), 0);
        Assert.True(double.IsNaN(profile.Observe(At(15, 11, 55), 0).WeekAgoMean));
        Assert.Equal(0, profile.Observe(At(15, 12), 0).WeekAgoMean, 5);
    }

    [Fact]
    public void A_restored_profile_keeps_its_week_and_an_older_state_starts_the_week_afresh()
    {
        var original = new HourOfDayProfile(days: 7);
        Feed(original, day: 0, low: 10, high: 20);
        original.Observe(At(3, 12), 0);

        var restored = new HourOfDayProfile(days: 7);
        restored.Restore(original.Capture());
        var older = new HourOfDayProfile(days: 7);
        older.Restore(original.Capture() with { WeekMean = null, WeekNumber = null });

        Assert.Equal(15, restored.Observe(At(7, 12), 0).WeekAgoMean, 5);
        Assert.True(double.IsNaN(older.Observe(At(7, 12), 0).WeekAgoMean));
    }

    [Fact]
    public void A_restored_slot_written_in_another_week_than_its_hour_is_no_week_ago_mean()
    {
        var original = new HourOfDayProfile(days: 7);
        Feed(original, day: 0, low: 10, high: 20);
        original.Observe(At(3, 12), 0);
        var state = original.Capture();

        var stale = new HourOfDayProfile(days: 7);
        stale.Restore(state with { WeekNumber = [.. state.WeekNumber!.Select(week => week - 1)] });

        Assert.True(double.IsNaN(stale.Observe(At(7, 12), 0).WeekAgoMean));
    }
}
