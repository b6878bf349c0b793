namespace Streaming.Model.Scoring;

/// <summary>
/// What a series did at each hour of the day on its last few days, per UTC hour: the lowest and highest value seen in
/// that hour on the last <c>days</c> calendar days (its envelope), and the mean of the hour's latest day (series'
/// units). A value within its hour's envelope is usual for the time of day; one within its hour's or a neighbouring
/// hour's excuses a new context (<see cref="NoveltyDetector"/>): a periodic series' daily step or peak makes sequences
/// of bands that look new to a detector without a clock, but not to one that remembers yesterday, even when the step
/// comes a little later than it did. The mean of the same hour a day earlier is the day-ago opinion
/// (<see cref="DayAgo"/>) the residual scorer weighs against the model; the mean of the same hour a week earlier is the
/// week-ago opinion (<see cref="WeekAgo"/>), for a series whose weeks repeat rather than its days.
/// </summary>
/// <remarks>
/// Compact rather than exact: each hour keeps one low and one high, each with the day it was seen. An extreme older
/// than <c>days</c> is replaced by the next value seen in that hour, so the envelope shrinks to the recent days instead
/// of keeping the second-lowest of the last week, which would need 7 × 24 pairs per series instead of 24. Hour means,
/// not yesterday's values point by point: one number an hour keeps the state small whatever the sampling rate (what
/// each choice cost in detection: bench/nab-results.md).
/// The hour being filled today is held apart and joins the profile when the series moves on to another hour, so a
/// value is judged against earlier days only. About 1,270 bytes per series, 672 of them the week's hour means. Not
/// thread-safe: a series is owned by one thread.
/// </remarks>
public sealed class HourOfDayProfile
{
    /// <summary>Hours in a day: the profile's slots.</summary>
    public const int Slots = 24;

    /// <summary>Hours in a week: the week-ago means' slots.</summary>
    public const int WeekSlots = 168;

    /// <summary>Oldest hour mean, in days, that still counts as the day-ago mean (yesterday's, or the day before's when yesterday had no such hour).</summary>
    public const int MaxDayAgo = 2;

    private readonly int _days;
    private readonly HourSummary[] _hours = new HourSummary[Slots];
    // Per hour of the week, the mean of the latest hour in that slot, at most a week before the open hour (NaN: not
    // seen); empty when the profile keeps no week. Hours a series skips are written NaN as it moves on, so no slot
    // holds an older week's mean and none needs its week's number.
    private readonly float[] _week;

    // The hour being filled: (day, hour) as hours since the Unix epoch, its low, high and sum so far, and its count.
    // long.MinValue: none.
    private long _openHour = long.MinValue;
    private double _openLow;
    private double _openHigh;
    private double _openSum;
    private int _openCount;

    /// <summary>
    /// Creates a profile whose envelope remembers the last <paramref name="days"/> days of each hour (0: no envelope,
    /// nothing is usual; the day-ago means are kept whatever the days), and with <paramref name="keepWeek"/> each hour
    /// of the week's latest mean (for the week-ago mean; without it there is none).
    /// </summary>
    public HourOfDayProfile(int days, bool keepWeek = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        _days = days;
        Array.Fill(_hours, HourSummary.Empty);
        _week = keepWeek ? new float[WeekSlots] : [];
        Array.Fill(_week, float.NaN);
    }

    /// <summary>
    /// Tells how <paramref name="value"/> (series' units) at <paramref name="timestamp"/> compares with the same UTC
    /// hour on earlier days, then takes the value in. Non-finite values are never usual, have no day-ago mean and
    /// teach nothing. Timestamps are expected in increasing order (the engine sets older ones aside).
    /// </summary>
    public HourOfDayView Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return HourOfDayView.None;
        }

        var hour = UtcHour.Of(timestamp);
        if (hour != _openHour)
        {
            Close();
            Skip(hour);
            (_openHour, _openLow, _openHigh, _openSum, _openCount) = (hour, value, value, value, 1);
        }
        else
        {
            (_openLow, _openHigh, _openSum, _openCount) = (Math.Min(_openLow, value), Math.Max(_openHigh, value), _openSum + value, _openCount + 1);
        }

        var day = DayOf(hour);
        ref readonly var kept = ref _hours[SlotOf(hour)];
        var usual = WithinEnvelope(hour, value);
        return new HourOfDayView(usual, Age(day, kept.MeanDay) is >= 1 and <= MaxDayAgo ? kept.Mean : double.NaN)
        {
            WeekAgoMean = _week.Length > 0 ? _week[WeekSlotOf(hour)] : double.NaN,
            UsualWithinAnHour = usual || WithinEnvelope(hour - 1, value) || WithinEnvelope(hour + 1, value),
        };
    }

    /// <summary>The state as plain numbers (for a state store), with whole days since the Unix epoch.</summary>
    public HourOfDayProfileState Capture()
    {
        // Every kept day is at most the open hour's day: a day's 16 bits and that day give the whole day back.
        var today = _openHour == long.MinValue ? 0 : DayOf(_openHour);
        int Whole(ushort day, bool seen) => seen ? today - Age(today, day) : HourSummary.Never;
        return new([.. _hours.Select(h => h.Low)], [.. _hours.Select(h => Whole(h.LowDay, h.Low != float.PositiveInfinity))],
            [.. _hours.Select(h => h.High)], [.. _hours.Select(h => Whole(h.HighDay, h.High != float.NegativeInfinity))],
            _openHour, _openLow, _openHigh)
        {
            Mean = [.. _hours.Select(h => h.Mean)],
            MeanDay = [.. _hours.Select(h => Whole(h.MeanDay, !float.IsNaN(h.Mean)))],
            OpenSum = _openSum,
            OpenCount = _openCount,
            WeekMean = _week.Length > 0 ? [.. _week] : null,
            WeekNumber = _week.Length > 0 ? [.. Enumerable.Range(0, WeekSlots).Select(slot => _openHour == long.MinValue ? 0 : WeekOf(WrittenAt(slot)))] : null,
        };
    }

    /// <summary>Puts back a state taken by <see cref="Capture"/>; one without means (an older record) leaves them empty.</summary>
    public void Restore(HourOfDayProfileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Low.Length != Slots || state.LowDay.Length != Slots || state.High.Length != Slots || state.HighDay.Length != Slots
            || state.Mean is { Length: not Slots } || state.MeanDay is { Length: not Slots } || state.OpenCount < 0
            || state.WeekMean is { Length: not WeekSlots } || state.WeekNumber is { Length: not WeekSlots })
        {
            throw new ArgumentException($"An hour-of-day profile has {Slots} hours; the state has {state.Low.Length}.", nameof(state));
        }

        for (var i = 0; i < Slots; i++)
        {
            _hours[i] = new HourSummary(state.Low[i], (ushort)state.LowDay[i], state.High[i], (ushort)state.HighDay[i])
            {
                Mean = state.Mean?[i] ?? float.NaN,
                MeanDay = (ushort)(state.MeanDay?[i] ?? 0),
            };
        }

        (_openHour, _openLow, _openHigh, _openSum, _openCount) = (state.OpenHour, state.OpenLow, state.OpenHigh, state.OpenSum, state.OpenCount);
        // A slot counts only if it was written in the hour a week before the one it will be read in; records keep the
        // week of each slot's mean (16 bits in older ones).
        for (var slot = 0; slot < _week.Length; slot++)
        {
            var fresh = _openHour != long.MinValue && state.WeekMean is { } && (ushort)state.WeekNumber![slot] == (ushort)WeekOf(WrittenAt(slot));
            _week[slot] = fresh ? state.WeekMean![slot] : float.NaN;
        }
    }

    // The hour just left joins its slot: an extreme is replaced when the new one reaches it or goes beyond it, or when
    // it has expired; the mean is always the latest day's. Reaching is judged on the rounded bound: a floor or peak
    // read again every day must keep its hour's envelope fresh, not let it expire for an hour every few days.
    private void Close()
    {
        if (_openHour == long.MinValue)
        {
            return;
        }

        var day = DayOf(_openHour);
        ref var kept = ref _hours[SlotOf(_openHour)];
        var (low, high) = (FloatBounds.Down(_openLow), FloatBounds.Up(_openHigh));
        if (low <= kept.Low || Age(day, kept.LowDay) > _days)
        {
            (kept.Low, kept.LowDay) = (low, (ushort)day);
        }

        if (high >= kept.High || Age(day, kept.HighDay) > _days)
        {
            (kept.High, kept.HighDay) = (high, (ushort)day);
        }

        // An open hour restored from a record without sums has no mean (NaN: no day-ago opinion for that hour).
        (kept.Mean, kept.MeanDay) = (_openCount > 0 ? (float)(_openSum / _openCount) : float.NaN, (ushort)day);
        if (_week.Length > 0)
        {
            _week[WeekSlotOf(_openHour)] = kept.Mean;
        }
    }

    // The hours between the one just left and `next` were not seen: their slots hold no mean for a week later.
    private void Skip(long next)
    {
        if (_week.Length == 0 || _openHour == long.MinValue)
        {
            return;
        }

        for (var hour = _openHour + 1; hour < next && hour <= _openHour + WeekSlots; hour++)
        {
            _week[WeekSlotOf(hour)] = float.NaN;
        }
    }

    // The hour whose mean a week slot holds: the latest hour before the open one in that slot.
    private long WrittenAt(int slot)
    {
        var back = ((WeekSlotOf(_openHour) - slot + WeekSlots - 1) % WeekSlots) + 1;
        return _openHour - back;
    }

    // Whether the value lies within the envelope `hour`'s slot kept from the days before that hour's own day (the hour
    // before the open one may have closed today already: its values are not an earlier day's).
    private bool WithinEnvelope(long hour, double value)
    {
        var day = DayOf(hour);
        ref readonly var kept = ref _hours[SlotOf(hour)];
        return SeenOnAnEarlierDay(day, kept.LowDay) && SeenOnAnEarlierDay(day, kept.HighDay) && kept.Low <= value && value <= kept.High;
    }

    private bool SeenOnAnEarlierDay(int day, ushort seen) => Age(day, seen) is var age && age >= 1 && age <= _days;

    private static int DayOf(long hour) => (int)(hour >= 0 ? hour / Slots : ((hour + 1) / Slots) - 1);

    private static int SlotOf(long hour) => (int)(hour - (DayOf(hour) * Slots));

    private static int WeekOf(long hour) => (int)Math.Floor(hour / (double)WeekSlots);

    private static int WeekSlotOf(long hour) => (int)(hour - ((long)WeekOf(hour) * WeekSlots));

    // Days are kept in 16 bits, modulo 65,536: the age of a day is exact for any day of the last 179 years.
    private static int Age(int day, ushort kept) => (ushort)(day - kept);

    private struct HourSummary(float low, ushort lowDay, float high, ushort highDay)
    {
        // The day written for an hour never seen (in a state: far enough back to be expired whatever the day).
        public const int Never = int.MinValue / 2;

        // An hour never seen: no value lies within it (+∞ low, −∞ high), it is replaced by the first hour to close, and
        // it has no mean (NaN); its days do not matter.
        public static readonly HourSummary Empty = new(float.PositiveInfinity, 0, float.NegativeInfinity, 0);

        public float Low = low;
        public float High = high;
        public float Mean = float.NaN;
        public ushort LowDay = lowDay;
        public ushort HighDay = highDay;
        public ushort MeanDay;
    }
}
