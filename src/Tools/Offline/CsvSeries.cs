using Streaming.Tools.Csv;

namespace Streaming.Tools.Offline;

/// <summary>
/// The values of a <see cref="TimeSeriesCsv"/> file (header naming <c>timestamp</c> and <c>value</c>) in file order,
/// for offline training and evaluation. A row that does not parse is an error naming it: training must not skip data silently.
/// </summary>
public static class CsvSeries
{
    /// <summary>The values of <paramref name="path"/>; throws <see cref="FormatException"/> on a bad row.</summary>
    public static double[] Read(string path)
    {
        var rows = TimeSeriesCsv.Read(path);
        var values = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            values[i] = row.IsValid ? row.Value
                : throw new FormatException($"{path}: data row {i + 1} ('{row.TimestampText}', '{row.ValueText}') is not an ISO-8601 timestamp and a finite number.");
        }

        return values;
    }
}
