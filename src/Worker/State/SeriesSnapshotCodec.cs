using System.Text;
using Streaming.Ingest.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Detection;

namespace Streaming.Worker.State;

/// <summary>
/// One series' whole detector state as the value of a state-topic record: its window (raw values), scaler, residual
/// statistics and warm-up progress, flat-line, novelty and recent-range watches, its last timestamp, its carried GRU
/// state in the streaming mode (format 2), its hour-of-day envelope (format 3), the hours' day-ago means and the
/// day-ago residual statistics (format 4), the hours' week-ago means, the week-ago and value statistics and the level
/// reference (format 5; format 1 to 4 records still decode, with what they lack empty), and
/// <c>asOf</c>, the input offset
/// the state is valid up to (the next offset of its partition not yet in it). Restoring gives a series that goes on
/// exactly where it stopped: same next prediction, same scores, no new warm-up.
/// </summary>
public static class SeriesSnapshotCodec
{
    // 2 added the streaming mode's carried state, 3 the hour-of-day envelope, 4 the hour means and day-ago statistics,
    // 5 the week-ago means and statistics and the level reference; older formats (without them) still decode.
    private const byte FormatVersion = 5;

    /// <summary>Encodes <paramref name="state"/> (a series on a min-max scaler) valid up to input offset <paramref name="asOf"/>.</summary>
    public static byte[] Encode(SeriesState state, long asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Window.Scaler is not MinMaxScaler scaler)
        {
            throw new NotSupportedException($"Only min-max scaled series can be saved; this one uses {state.Window.Scaler.GetType().Name}.");
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(asOf);
            writer.Write(scaler.Min);
            writer.Write(scaler.Max);
            writer.Write(scaler.Count);
            var window = state.Window.Window;
            writer.Write(state.Window.PointsSeen);
            writer.Write(window.Count);
            for (var i = 0; i < window.Count; i++)
            {
                writer.Write(window[i]);
            }

            var scorer = state.Scorer.Capture();
            SeriesStateCodec.WriteScorer(writer, scorer);
            var flat = state.Flatline.Capture();
            writer.Write(flat.Last);
            writer.Write(flat.Run);
            writer.Write(flat.Longest);
            writer.Write(flat.HasVaried);
            WriteNovelty(writer, state.Novelty.Capture());
            var (min, max) = state.RecentRange.Capture();
            writer.Write(min);
            writer.Write(max);
            // Ticks of the last accepted timestamp (0: none), so a restored series still tells late and duplicate points.
            writer.Write(state.LastTimestamp?.UtcTicks ?? 0L);
            SeriesStateCodec.WriteCarry(writer, state.Carry);
            var hourOfDay = state.HourOfDay?.Capture();
            WriteHourOfDay(writer, hourOfDay);
            WriteStatistics(writer, scorer.DayAgo);
            WriteWeekMeans(writer, hourOfDay);
            WriteStatistics(writer, scorer.WeekAgo);
            WriteStatistics(writer, scorer.Values);
            WriteLevel(writer, state.Level?.Capture());
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The <c>asOf</c> offset of a record without decoding the rest (to pick the newest of several records of a series);
    /// <see cref="long.MinValue"/> for a record too short to hold one.
    /// </summary>
    public static long ReadAsOf(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 1 + sizeof(long) ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]) : long.MinValue;

    /// <summary>
    /// Decodes a record into <paramref name="engine"/> as <paramref name="seriesId"/> (replacing what it had) and returns
    /// its <c>asOf</c> offset. Throws <see cref="InvalidDataException"/> on a record this version cannot read; the engine
    /// is left untouched then.
    /// </summary>
    public static long Decode(ReadOnlySpan<byte> bytes, string seriesId, DetectionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"State record format {version}; this worker reads formats 1 to {FormatVersion}.");
            }

            var asOf = reader.ReadInt64();
            var scaler = MinMaxScaler.FromState(reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64());
            var pointsSeen = reader.ReadInt64();
            var values = new double[reader.ReadInt32()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.ReadDouble();
            }

            var scorer = SeriesStateCodec.ReadScorer(reader);
            var flat = new FlatlineState(reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean());
            var novelty = ReadNovelty(reader);
            var (min, max) = (reader.ReadDouble(), reader.ReadDouble());
            var lastTicks = reader.ReadInt64();
            DateTimeOffset? last = lastTicks == 0 ? null : new DateTimeOffset(lastTicks, TimeSpan.Zero);
            var carry = version >= 2 ? SeriesStateCodec.ReadCarry(reader) : null;
            var hourOfDay = version >= 3 ? ReadHourOfDay(reader, withMeans: version >= 4) : null;
            scorer = scorer with { DayAgo = version >= 4 ? ReadStatistics(reader) : null };
            LevelReferenceState? level = null;
            if (version >= 5)
            {
                var (weekMean, weekNumber) = ReadWeekMeans(reader);
                hourOfDay = hourOfDay is null ? null : hourOfDay with { WeekMean = weekMean, WeekNumber = weekNumber };
                scorer = scorer with { WeekAgo = ReadStatistics(reader), Values = ReadStatistics(reader) };
                level = ReadLevel(reader);
            }

            // Everything is read and checked before the engine changes: a bad record never leaves a half-restored series.
            var state = engine.Warm(seriesId, scaler, scorer);
            state.Window.Restore(values, pointsSeen);
            state.Flatline.Restore(flat);
            state.Novelty.Restore(novelty);
            state.RecentRange.Restore(min, max);
            state.LastTimestamp = last;
            // A carried state of another mode or shape is left out: the series then steps through its window again.
            if (carry is { } saved && state.Carry is { } target && target.StateSize == saved.Values.Length)
            {
                target.Read(saved.Values, saved.Steps, saved.ChunkInputs, saved.ChunkTargets);
            }

            // Kept days are the record's: a worker set to remember fewer days lets the older extremes expire.
            if (hourOfDay is not null && state.HourOfDay is { } profile)
            {
                profile.Restore(hourOfDay);
            }

            if (level is not null && state.Level is { } reference)
            {
                reference.Restore(level);
            }

            return asOf;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            engine.Forget(seriesId);
            throw new InvalidDataException($"The state record of series '{seriesId}' does not load: {ex.Message}", ex);
        }
    }

    // A presence byte, then per hour its low, low day, high, high day, mean and mean day, and the open hour with its
    // low, high, sum and count (format 3 had neither the means nor the sum and count).
    private static void WriteHourOfDay(BinaryWriter writer, HourOfDayProfileState? profile)
    {
        writer.Write(profile is not null);
        if (profile is null)
        {
            return;
        }

        for (var i = 0; i < HourOfDayProfile.Slots; i++)
        {
            writer.Write(profile.Low[i]);
            writer.Write(profile.LowDay[i]);
            writer.Write(profile.High[i]);
            writer.Write(profile.HighDay[i]);
            writer.Write(profile.Mean?[i] ?? float.NaN);
            writer.Write(profile.MeanDay?[i] ?? int.MinValue / 2);
        }

        writer.Write(profile.OpenHour);
        writer.Write(profile.OpenLow);
        writer.Write(profile.OpenHigh);
        writer.Write(profile.OpenSum);
        writer.Write(profile.OpenCount);
    }

    private static HourOfDayProfileState? ReadHourOfDay(BinaryReader reader, bool withMeans)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        const int n = HourOfDayProfile.Slots;
        var (low, lowDay, high, highDay) = (new float[n], new int[n], new float[n], new int[n]);
        var (mean, meanDay) = withMeans ? (new float[n], new int[n]) : (null, null);
        for (var i = 0; i < n; i++)
        {
            (low[i], lowDay[i], high[i], highDay[i]) = (reader.ReadSingle(), reader.ReadInt32(), reader.ReadSingle(), reader.ReadInt32());
            if (withMeans)
            {
                (mean![i], meanDay![i]) = (reader.ReadSingle(), reader.ReadInt32());
            }
        }

        var (openHour, openLow, openHigh) = (reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble());
        var (openSum, openCount) = withMeans ? (reader.ReadDouble(), reader.ReadInt32()) : (0, 0);
        return new HourOfDayProfileState(low, lowDay, high, highDay, openHour, openLow, openHigh)
        {
            Mean = mean,
            MeanDay = meanDay,
            OpenSum = openSum,
            OpenCount = openCount,
        };
    }

    // A presence byte, then residual statistics: count, mean, variance, ring's next slot, fill and values.
    private static void WriteStatistics(BinaryWriter writer, ResidualStatisticsState? statistics)
    {
        writer.Write(statistics is not null);
        if (statistics is null)
        {
            return;
        }

        writer.Write(statistics.Count);
        writer.Write(statistics.Mean);
        writer.Write(statistics.Variance);
        SeriesStateCodec.WriteRing(writer, statistics.RecentNext, statistics.RecentCount, statistics.Recent);
    }

    // A presence byte, then per hour of the week its latest mean and that week's number.
    private static void WriteWeekMeans(BinaryWriter writer, HourOfDayProfileState? profile)
    {
        writer.Write(profile?.WeekMean is not null);
        if (profile?.WeekMean is not { } means)
        {
            return;
        }

        for (var i = 0; i < HourOfDayProfile.WeekSlots; i++)
        {
            writer.Write(means[i]);
            writer.Write(profile.WeekNumber![i]);
        }
    }

    private static (float[]? Means, int[]? Weeks) ReadWeekMeans(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return (null, null);
        }

        var (means, weeks) = (new float[HourOfDayProfile.WeekSlots], new int[HourOfDayProfile.WeekSlots]);
        for (var i = 0; i < means.Length; i++)
        {
            (means[i], weeks[i]) = (reader.ReadSingle(), reader.ReadInt32());
        }

        return (means, weeks);
    }

    // A presence byte, then the first and open hours, the open hour's low and high, the recent hours (count, then hour,
    // low and high each) and the day blocks (count, then day, low and high each).
    private static void WriteLevel(BinaryWriter writer, LevelReferenceState? level)
    {
        writer.Write(level is not null);
        if (level is null)
        {
            return;
        }

        writer.Write(level.FirstHour);
        writer.Write(level.OpenHour);
        writer.Write(level.OpenLow);
        writer.Write(level.OpenHigh);
        writer.Write(level.RecentHour.Length);
        for (var i = 0; i < level.RecentHour.Length; i++)
        {
            writer.Write(level.RecentHour[i]);
            writer.Write(level.RecentLow[i]);
            writer.Write(level.RecentHigh[i]);
        }

        writer.Write(level.BlockDay.Length);
        for (var i = 0; i < level.BlockDay.Length; i++)
        {
            writer.Write(level.BlockDay[i]);
            writer.Write(level.BlockLow[i]);
            writer.Write(level.BlockHigh[i]);
        }
    }

    private static LevelReferenceState? ReadLevel(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var (first, open, openLow, openHigh) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble());
        var recent = reader.ReadInt32();
        if (recent is < 0 or > LevelReference.LagHours)
        {
            throw new InvalidDataException($"A level reference holds at most {LevelReference.LagHours} recent hours; the record says {recent}.");
        }

        var (hours, lows, highs) = (new long[recent], new float[recent], new float[recent]);
        for (var i = 0; i < recent; i++)
        {
            (hours[i], lows[i], highs[i]) = (reader.ReadInt64(), reader.ReadSingle(), reader.ReadSingle());
        }

        var blocks = reader.ReadInt32();
        if (blocks is < 0 or > ScoringOptions.MaxLevelDays + 1)
        {
            throw new InvalidDataException($"A level reference holds at most {ScoringOptions.MaxLevelDays + 1} days; the record says {blocks}.");
        }

        var (days, dayLows, dayHighs) = (new int[blocks], new float[blocks], new float[blocks]);
        for (var i = 0; i < blocks; i++)
        {
            (days[i], dayLows[i], dayHighs[i]) = (reader.ReadInt32(), reader.ReadSingle(), reader.ReadSingle());
        }

        return new LevelReferenceState(first, open, openLow, openHigh, hours, lows, highs, days, dayLows, dayHighs);
    }

    private static ResidualStatisticsState? ReadStatistics(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var (count, mean, variance) = (reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble());
        var (next, filled, recent) = SeriesStateCodec.ReadRing(reader);
        return new ResidualStatisticsState(count, mean, variance, recent, next, filled);
    }

    private static void WriteNovelty(BinaryWriter writer, NoveltyState novelty)
    {
        writer.Write(novelty.Recent.Length);
        foreach (var band in novelty.Recent)
        {
            writer.Write(band);
        }

        writer.Write(novelty.Count);
        writer.Write(novelty.Min);
        writer.Write(novelty.Max);
        writer.Write(novelty.Seen.Length);
        foreach (var keys in novelty.Seen)
        {
            writer.Write(keys.Length);
            foreach (var key in keys)
            {
                writer.Write(key);
            }
        }
    }

    private static NoveltyState ReadNovelty(BinaryReader reader)
    {
        var recent = new int[reader.ReadInt32()];
        for (var i = 0; i < recent.Length; i++)
        {
            recent[i] = reader.ReadInt32();
        }

        var (count, min, max) = (reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble());
        var seen = new long[reader.ReadInt32()][];
        for (var i = 0; i < seen.Length; i++)
        {
            seen[i] = new long[reader.ReadInt32()];
            for (var j = 0; j < seen[i].Length; j++)
            {
                seen[i][j] = reader.ReadInt64();
            }
        }

        return new NoveltyState(recent, count, min, max, seen);
    }
}
