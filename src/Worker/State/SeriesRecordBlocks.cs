using Streaming.Model.Scoring;
using Streaming.Worker.Checkpoints;

namespace Streaming.Worker.State;

/// <summary>
/// The blocks of a <see cref="SeriesRecordCodec"/> record, each a writer and its reader: the hour-of-day profile,
/// residual statistics, the week's hour means, the level reference and the novelty watch.
/// </summary>
internal static class SeriesRecordBlocks
{
    // A presence byte, then per hour its low, low day, high, high day, mean and mean day, and the open hour with its
    // low, high, sum and count (format 3 had neither the means nor the sum and count).
    internal static void WriteHourOfDay(BinaryWriter writer, HourOfDayProfileState? profile)
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

    internal static HourOfDayProfileState? ReadHourOfDay(BinaryReader reader, bool withMeans)
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
    internal static void WriteStatistics(BinaryWriter writer, ResidualStatisticsState? statistics)
    {
        writer.Write(statistics is not null);
        if (statistics is null)
        {
            return;
        }

        writer.Write(statistics.Count);
        writer.Write(statistics.Mean);
        writer.Write(statistics.Variance);
        CheckpointSeriesCodec.WriteRing(writer, statistics.RecentNext, statistics.RecentCount, statistics.Recent);
    }

    // A presence byte, then per slot a value and the number (day or week) it belongs to: the hours of the week's latest
    // means and their weeks, or the hours of the day's usual misses and their days.
    internal static void WriteSlots(BinaryWriter writer, float[]? values, int[]? numbers)
    {
        writer.Write(values is not null);
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            writer.Write(values[i]);
            writer.Write(numbers![i]);
        }
    }

    internal static (float[]? Values, int[]? Numbers) ReadSlots(BinaryReader reader, int slots)
    {
        if (!reader.ReadBoolean())
        {
            return (null, null);
        }

        var (values, numbers) = (new float[slots], new int[slots]);
        for (var i = 0; i < slots; i++)
        {
            (values[i], numbers[i]) = (reader.ReadSingle(), reader.ReadInt32());
        }

        return (values, numbers);
    }

    // A presence byte, then the first and open hours, the open hour's low and high, the recent hours (count, then hour,
    // low and high each) and the day blocks (count, then day, low and high each).
    internal static void WriteLevel(BinaryWriter writer, LevelReferenceState? level)
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

    internal static LevelReferenceState? ReadLevel(BinaryReader reader)
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

    internal static void WriteRoutine(BinaryWriter writer, RoutineMissesState? routine)
    {
        writer.Write(routine is not null);
        if (routine is null)
        {
            return;
        }

        WriteFloats(writer, routine.Largest);
        writer.Write(routine.Next);
        writer.Write(routine.Points);
        writer.Write(routine.Open);
    }

    internal static RoutineMissesState? ReadRoutine(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var largest = ReadFloats(reader, RoutineMisses.Blocks, "routine misses' stretches");
        return new RoutineMissesState(largest, reader.ReadInt32(), reader.ReadInt32(), reader.ReadSingle());
    }

    // A presence byte, then a stretch spread: its mean squares, next slot, closed stretches, open points and squares.
    internal static void WriteSpread(BinaryWriter writer, StretchSpreadState? spread)
    {
        writer.Write(spread is not null);
        if (spread is null)
        {
            return;
        }

        WriteFloats(writer, spread.MeanSquares);
        writer.Write(spread.Next);
        writer.Write(spread.Closed);
        writer.Write(spread.Points);
        writer.Write(spread.Squares);
    }

    internal static StretchSpreadState? ReadSpread(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var meanSquares = ReadFloats(reader, StretchSpread.Stretches, "spread's stretches");
        return new StretchSpreadState(meanSquares, reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble());
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int expected, string what)
    {
        var count = reader.ReadInt32();
        if (count != expected)
        {
            throw new InvalidDataException($"The {what} are {expected}; the record says {count}.");
        }

        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    internal static ResidualStatisticsState? ReadStatistics(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var (count, mean, variance) = (reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble());
        var (next, filled, recent) = CheckpointSeriesCodec.ReadRing(reader);
        return new ResidualStatisticsState(count, mean, variance, recent, next, filled);
    }

    internal static void WriteNovelty(BinaryWriter writer, NoveltyState novelty)
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

    internal static NoveltyState ReadNovelty(BinaryReader reader)
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
