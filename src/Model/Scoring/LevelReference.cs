namespace Streaming.Model.Scoring;

/// <summary>
/// What level a series has held over its last days, to judge a value against: the lowest and highest value of its
/// hours that ended more than <see cref="LagHours"/> ago, within the last <c>days</c> UTC days. <see cref="Observe"/>
/// returns how far a value lies beyond that range, in units of the range.
/// </summary>
/// <remarks>
/// A one-step forecaster follows a slow collapse all the way down: every step is small, so its residual never
/// surprises, and a range that takes in every value moves with the collapse. Holding the last hours out of the
/// reference measures the whole excursion against what the series did before it began; forgetting days older than
/// <c>days</c> keeps an early spike or an old regime from stretching the reference for ever. Hours are summarised by
/// their low and high and older hours by UTC day, so the state is a few dozen numbers whatever the sampling rate.
/// Not thread-safe: a series is owned by one thread.
/// </remarks>
public sealed class LevelReference
{
    /// <summary>Hours that stay out of the reference: long enough for a slow collapse, short against a day.</summary>
    public const int LagHours = 6;

    /// <summary>Hours of history the reference needs before it judges anything.</summary>
    public const int MinHistoryHours = 24;

    private readonly int _days;

    // Closed hours not yet in the reference, oldest first, as a ring.
    private readonly HourRange[] _recent = new HourRange[LagHours];
    private int _recentStart;
    private int _recentCount;

    // Older hours merged per UTC day, slot = day modulo the ring's length.
    private readonly DayRange[] _blocks;

    private long _firstHour = long.MinValue;
    private long _openHour = long.MinValue;
    private double _openLow;
    private double _openHigh;

    /// <summary>Creates a reference over the last <paramref name="days"/> days (at least 1).</summary>
    public LevelReference(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        _days = days;
        _blocks = new DayRange[days + 1];
        Array.Fill(_blocks, DayRange.Empty);
    }

    /// <summary>
    /// Returns how far <paramref name="value"/> lies beyond the reference range, in units of that range (0 within it, or
    /// while the reference is too young or flat), then takes the value in. Non-finite values score 0 and teach nothing.
    /// Timestamps are expected in increasing order (the engine sets older ones aside).
    /// </summary>
    public double Observe(DateTimeOffset timestamp, double value)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }

        var hour = UtcHour.Of(timestamp);
        if (hour != _openHour)
        {
            Close();
            (_openHour, _openLow, _openHigh) = (hour, value, value);
            if (_firstHour == long.MinValue)
            {
                _firstHour = hour;
            }
        }
        else
        {
            (_openLow, _openHigh) = (Math.Min(_openLow, value), Math.Max(_openHigh, value));
        }

        Settle(hour);
        if (hour - _firstHour < MinHistoryHours + LagHours)
        {
            return 0;
        }

        var today = DayOf(hour);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var block in _blocks)
        {
            if (block.Day >= today - _days && block.Day <= today)
            {
                (low, high) = (Math.Min(low, block.Low), Math.Max(high, block.High));
            }
        }

        var span = high - low;
        return span > 0 ? Math.Max(Math.Max(low - value, value - high), 0) / span : 0;
    }

    /// <summary>The state as plain numbers (for a state store).</summary>
    public LevelReferenceState Capture()
    {
        var recent = Enumerable.Range(0, _recentCount).Select(i => _recent[(_recentStart + i) % LagHours]).ToArray();
        return new LevelReferenceState(
            _firstHour, _openHour, _openLow, _openHigh,
            [.. recent.Select(r => r.Hour)], [.. recent.Select(r => r.Low)], [.. recent.Select(r => r.High)],
            [.. _blocks.Select(b => b.Day)], [.. _blocks.Select(b => b.Low)], [.. _blocks.Select(b => b.High)]);
    }

    /// <summary>
    /// Puts back a state taken by <see cref="Capture"/>. Day blocks of a reference kept over another number of days are
    /// re-slotted; those older than this reference's days expire as usual. Throws <see cref="ArgumentException"/> on a
    /// state no reference could have.
    /// </summary>
    public void Restore(LevelReferenceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RecentHour.Length > LagHours || state.RecentLow.Length != state.RecentHour.Length || state.RecentHigh.Length != state.RecentHour.Length
            || state.BlockLow.Length != state.BlockDay.Length || state.BlockHigh.Length != state.BlockDay.Length)
        {
            throw new ArgumentException($"Not a level reference state: {state.RecentHour.Length} recent hours, {state.BlockDay.Length} day blocks.", nameof(state));
        }

        (_firstHour, _openHour, _openLow, _openHigh) = (state.FirstHour, state.OpenHour, state.OpenLow, state.OpenHigh);
        (_recentStart, _recentCount) = (0, state.RecentHour.Length);
        for (var i = 0; i < _recentCount; i++)
        {
            _recent[i] = new HourRange(state.RecentHour[i], state.RecentLow[i], state.RecentHigh[i]);
        }

        Array.Fill(_blocks, DayRange.Empty);
        for (var i = 0; i < state.BlockDay.Length; i++)
        {
            if (state.BlockDay[i] != DayRange.Empty.Day)
            {
                Merge(state.BlockDay[i], state.BlockLow[i], state.BlockHigh[i]);
            }
        }
    }

    // The open hour joins the recent ring; when the ring is full its oldest hour joins the reference early.
    private void Close()
    {
        if (_openHour == long.MinValue)
        {
            return;
        }

        if (_recentCount == LagHours)
        {
            var oldest = _recent[_recentStart];
            Merge(DayOf(oldest.Hour), oldest.Low, oldest.High);
            _recentStart = (_recentStart + 1) % LagHours;
            _recentCount--;
        }

        _recent[(_recentStart + _recentCount) % LagHours] = new HourRange(_openHour, FloatBounds.Down(_openLow), FloatBounds.Up(_openHigh));
        _recentCount++;
    }

    // Recent hours that ended LagHours ago or more join the reference.
    private void Settle(long hour)
    {
        while (_recentCount > 0 && _recent[_recentStart].Hour <= hour - LagHours)
        {
            var oldest = _recent[_recentStart];
            Merge(DayOf(oldest.Hour), oldest.Low, oldest.High);
            _recentStart = (_recentStart + 1) % LagHours;
            _recentCount--;
        }
    }

    private void Merge(int day, float low, float high)
    {
        ref var block = ref _blocks[(int)((uint)day % (uint)_blocks.Length)];
        block = block.Day == day ? new DayRange(day, Math.Min(block.Low, low), Math.Max(block.High, high)) : new DayRange(day, low, high);
    }

    private static int DayOf(long hour) => (int)Math.Floor(hour / 24.0);

    private readonly record struct HourRange(long Hour, float Low, float High);

    private readonly record struct DayRange(int Day, float Low, float High)
    {
        public static readonly DayRange Empty = new(int.MinValue, float.PositiveInfinity, float.NegativeInfinity);
    }
}
