using System.Text;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Checkpoints;

/// <summary>
/// The checkpoint section of the per-series state, in plain numbers: per series its id, its min-max scaler
/// (min, max, count) and its residual scorer's state. Ingest and Model know nothing of each other, so this
/// composition lives here.
/// </summary>
public static class CheckpointSeriesCodec
{
    // 2H + 2W + 1 at the validator's largest H (1024) and W (1000): a longer one is not a carried state.
    private const int MaxCarryFloats = (2 * 1024) + (2 * 1000) + 1;

    /// <summary>The section's name.</summary>
    public const string SectionName = "series.states";

    /// <summary>Adds the series' states to <paramref name="file"/>.</summary>
    public static void Write(CheckpointFile file, IEnumerable<WarmSeries> series)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(series);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var all = series.ToList();
            writer.Write(all.Count);
            foreach (var s in all)
            {
                writer.Write(s.SeriesId);
                writer.Write(s.Scaler.Min);
                writer.Write(s.Scaler.Max);
                writer.Write(s.Scaler.Count);
                WriteScorer(writer, s.Scorer);
            }
        }

        file.Set(SectionName, stream.ToArray());
    }

    /// <summary>The series' states of <paramref name="file"/> (none when it has no such section, e.g. a bare model).</summary>
    public static IReadOnlyList<WarmSeries> Read(CheckpointFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Find(SectionName) is not { } bytes)
        {
            return [];
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var series = new List<WarmSeries>();
            for (int count = reader.ReadInt32(), i = 0; i < count; i++)
            {
                var id = reader.ReadString();
                var scaler = MinMaxScaler.FromState(reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64());
                series.Add(new WarmSeries(id, scaler, ReadScorer(reader)));
            }

            return series;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new CheckpointException($"The checkpoint's series states do not load: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a residual scorer's state (also used by the state topic's per-series records).</summary>
    internal static void WriteScorer(BinaryWriter writer, ResidualScorerState scorer)
    {
        writer.Write(scorer.PointsScored);
        writer.Write(scorer.StatsCount);
        writer.Write(scorer.Mean);
        writer.Write(scorer.Variance);
        writer.Write(scorer.SuppressThrough);
        WriteRing(writer, scorer.RecentNext, scorer.RecentCount, scorer.Recent);
    }

    /// <summary>Writes a short residual ring: its next slot, its fill, its length and its values.</summary>
    internal static void WriteRing(BinaryWriter writer, int next, int filled, double[] ring)
    {
        writer.Write(next);
        writer.Write(filled);
        writer.Write(ring.Length);
        foreach (var r in ring)
        {
            writer.Write(r);
        }
    }

    /// <summary>Reads what <see cref="WriteRing"/> wrote; a ring longer than any scorer keeps is refused.</summary>
    internal static (int Next, int Filled, double[] Ring) ReadRing(BinaryReader reader)
    {
        var (next, filled) = (reader.ReadInt32(), reader.ReadInt32());
        var length = reader.ReadInt32();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ScoringOptions.MaxShortWindow, "residual ring length");
        var ring = new double[length];
        for (var i = 0; i < ring.Length; i++)
        {
            ring[i] = reader.ReadDouble();
        }

        return (next, filled, ring);
    }

    /// <summary>
    /// Writes the streaming mode's carried state (also used by the state topic's per-series records): a flag, then the
    /// steps, the chunk's counts and the floats of <see cref="StreamingGruSeries.Write"/>.
    /// </summary>
    internal static void WriteCarry(BinaryWriter writer, StreamingGruSeries? carry)
    {
        writer.Write(carry is not null);
        if (carry is null)
        {
            return;
        }

        writer.Write(carry.Steps);
        writer.Write(carry.ChunkInputs);
        writer.Write(carry.ChunkTargets);
        var values = new float[carry.StateSize];
        carry.Write(values);
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    /// <summary>Reads what <see cref="WriteCarry"/> wrote; null when it wrote none.</summary>
    internal static SavedCarry? ReadCarry(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var (steps, inputs, targets) = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32());
        var length = reader.ReadInt32();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxCarryFloats, "carried state floats");
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return new SavedCarry(steps, inputs, targets, values);
    }

    /// <summary>Reads what <see cref="WriteScorer"/> wrote.</summary>
    internal static ResidualScorerState ReadScorer(BinaryReader reader)
    {
        var (points, stats, mean, variance, suppress) = (reader.ReadInt64(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64());
        var (next, filled, recent) = ReadRing(reader);
        return new ResidualScorerState(points, stats, mean, variance, suppress, recent, next, filled);
    }
}
