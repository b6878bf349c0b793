using System.Globalization;

namespace Streaming.Worker.State;

/// <summary>
/// Keys of the state topic. Every record of input partition p lives in state partition p mod (state partitions) and
/// its key starts with <c>p{p}/</c>, so a partition's state is found by reading one state partition, whatever the
/// two topics' partition counts. Compaction keeps the newest record per key.
/// </summary>
public static class StateKeys
{
    /// <summary>Key of the record holding input partition <paramref name="partition"/>'s <see cref="PartitionPosition"/>.</summary>
    public static string Position(int partition) => Prefix(partition) + "position";

    /// <summary>Key of series <paramref name="seriesId"/>'s state, read from input partition <paramref name="partition"/>.</summary>
    public static string Series(int partition, string seriesId) => Prefix(partition) + "s/" + seriesId;

    /// <summary>What every key of input partition <paramref name="partition"/> starts with.</summary>
    public static string Prefix(int partition) => "p" + partition.ToString(CultureInfo.InvariantCulture) + "/";

    /// <summary>The state partition that holds input partition <paramref name="partition"/>.</summary>
    public static int StatePartition(int partition, int statePartitions) => partition % Math.Max(1, statePartitions);

    /// <summary>The series id of a series key of <paramref name="partition"/>, or null when the key is another kind or partition's.</summary>
    public static string? SeriesOf(string key, int partition)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = Prefix(partition) + "s/";
        return key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;
    }
}
