using System.Text;
using Streaming.Model.Detection;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.Checkpoints;

namespace Streaming.Worker.State;

/// <summary>
/// One series' whole detector state as the value of a state-topic record: its window (raw values), scaler, residual
/// statistics and warm-up progress, flat-line, novelty and recent-range watches, its last timestamp, its carried GRU
/// state in the streaming mode (format 2), its hour-of-day envelope (format 3), the hours' day-ago means and the
/// day-ago residual statistics (format 4), the hours' week-ago means, the week-ago and value statistics and the level
/// reference (format 5), its routine misses (format 7), the level excursion under way (format 8), the week-ago and
/// value statistics' stretch spreads and the week-ago excursion under way (format 9), the scores' own statistics
/// (format 10; older records still decode, with what they lack empty), and
/// <c>asOf</c>, the input offset
/// the state is valid up to (the next offset of its partition not yet in it). Restoring gives a series that goes on
/// exactly where it stopped: same next prediction, same scores, no new warm-up.
/// </summary>
public static class SeriesRecordCodec
{
    // 2 added the streaming mode's carried state, 3 the hour-of-day envelope, 4 the hour means and day-ago statistics,
    // 5 the week-ago means and statistics and the level reference, 6 each hour's usual miss (read and dropped since),
    // 7 the routine misses, 8 the level excursion under way, 9 the week-ago spreads and excursion, 10 the scores'
    // statistics; older formats (without them) still decode.
    private const byte FormatVersion = 10;

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
            CheckpointSeriesCodec.WriteScorer(writer, scorer);
            var flat = state.Flatline.Capture();
            writer.Write(flat.Last);
            writer.Write(flat.Run);
            writer.Write(flat.Longest);
            writer.Write(flat.HasVaried);
            SeriesRecordBlocks.WriteNovelty(writer, state.Novelty.Capture());
            var (min, max) = state.RecentRange.Capture();
            writer.Write(min);
            writer.Write(max);
            // Ticks of the last accepted timestamp (0: none), so a restored series still tells late and duplicate points.
            writer.Write(state.LastTimestamp?.UtcTicks ?? 0L);
            CheckpointSeriesCodec.WriteCarry(writer, state.Carry);
            var hourOfDay = state.HourOfDay?.Capture();
            SeriesRecordBlocks.WriteHourOfDay(writer, hourOfDay);
            SeriesRecordBlocks.WriteStatistics(writer, scorer.DayAgo);
            SeriesRecordBlocks.WriteSlots(writer, hourOfDay?.WeekMean, hourOfDay?.WeekNumber);
            SeriesRecordBlocks.WriteStatistics(writer, scorer.WeekAgo);
            SeriesRecordBlocks.WriteStatistics(writer, scorer.Values);
            SeriesRecordBlocks.WriteLevel(writer, state.Level?.Capture());
            SeriesRecordBlocks.WriteRoutine(writer, state.Routine?.Capture());
            writer.Write(scorer.LevelHeld);
            SeriesRecordBlocks.WriteSpread(writer, scorer.WeekAgo?.Spread);
            SeriesRecordBlocks.WriteSpread(writer, scorer.Values?.Spread);
            writer.Write(scorer.WeekHeld);
            SeriesRecordBlocks.WriteStatistics(writer, scorer.Scores);
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

            var scorer = CheckpointSeriesCodec.ReadScorer(reader);
            var flat = new FlatlineState(reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean());
            var novelty = SeriesRecordBlocks.ReadNovelty(reader);
            var (min, max) = (reader.ReadDouble(), reader.ReadDouble());
            var lastTicks = reader.ReadInt64();
            DateTimeOffset? last = lastTicks == 0 ? null : new DateTimeOffset(lastTicks, TimeSpan.Zero);
            var carry = version >= 2 ? CheckpointSeriesCodec.ReadCarry(reader) : null;
            var hourOfDay = version >= 3 ? SeriesRecordBlocks.ReadHourOfDay(reader, withMeans: version >= 4) : null;
            scorer = scorer with { DayAgo = version >= 4 ? SeriesRecordBlocks.ReadStatistics(reader) : null };
            LevelReferenceState? level = null;
            if (version >= 5)
            {
                var (weekMean, weekNumber) = SeriesRecordBlocks.ReadSlots(reader, HourOfDayProfile.WeekSlots);
                hourOfDay = hourOfDay is null ? null : hourOfDay with { WeekMean = weekMean, WeekNumber = weekNumber };
                scorer = scorer with { WeekAgo = SeriesRecordBlocks.ReadStatistics(reader), Values = SeriesRecordBlocks.ReadStatistics(reader) };
                level = SeriesRecordBlocks.ReadLevel(reader);
            }

            // Format 6's usual miss per hour of the day gave way to the routine misses, which start afresh from it.
            if (version == 6)
            {
                SeriesRecordBlocks.ReadSlots(reader, HourOfDayProfile.Slots);
            }

            var routine = version >= 7 ? SeriesRecordBlocks.ReadRoutine(reader) : null;
            scorer = scorer with { LevelHeld = version >= 8 ? reader.ReadDouble() : 0 };
            if (version >= 9)
            {
                var (weekSpread, valueSpread) = (SeriesRecordBlocks.ReadSpread(reader), SeriesRecordBlocks.ReadSpread(reader));
                scorer = scorer with
                {
                    WeekAgo = scorer.WeekAgo is { } week ? week with { Spread = weekSpread } : null,
                    Values = scorer.Values is { } valueStatistics ? valueStatistics with { Spread = valueSpread } : null,
                    WeekHeld = reader.ReadDouble(),
                };
            }

            scorer = scorer with { Scores = version >= 10 ? SeriesRecordBlocks.ReadStatistics(reader) : null };

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

            if (routine is not null && state.Routine is { } misses)
            {
                misses.Restore(routine);
            }

            return asOf;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            engine.Forget(seriesId);
            throw new InvalidDataException($"The state record of series '{seriesId}' does not load: {ex.Message}", ex);
        }
    }
}
