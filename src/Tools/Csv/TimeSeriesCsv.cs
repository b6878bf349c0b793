using System.Globalization;

namespace Streaming.Tools.Csv;

/// <summary>
/// Reads recorded series as CSV: a header naming the columns <c>timestamp</c> and <c>value</c> (any order, other
/// columns ignored; NAB's layout), one row per point. Timestamps are ISO-8601 (no offset means UTC). A row whose
/// timestamp or value does not parse, or whose value is not finite, is kept with <see cref="TimeSeriesRow.IsValid"/>
/// false, so a caller can keep one output row per input row.
/// </summary>
public static class TimeSeriesCsv
{
    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    public static IReadOnlyList<TimeSeriesRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads every row from <paramref name="reader"/>; <paramref name="name"/> labels errors.</summary>
    public static IReadOnlyList<TimeSeriesRow> Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{name}: the file is empty")).Split(',');
        var timeColumn = Array.FindIndex(header, h => h.Trim().Equals("timestamp", StringComparison.OrdinalIgnoreCase));
        var valueColumn = Array.FindIndex(header, h => h.Trim().Equals("value", StringComparison.OrdinalIgnoreCase));
        if (timeColumn < 0 || valueColumn < 0)
        {
            throw new InvalidDataException($"{name}: the header must name the columns 'timestamp' and 'value', got '{string.Join(',', header)}'");
        }

        var rows = new List<TimeSeriesRow>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var time = cells.Length > timeColumn ? cells[timeColumn].Trim() : "";
            var text = cells.Length > valueColumn ? cells[valueColumn].Trim() : "";
            var valid = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
                & double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
            rows.Add(new TimeSeriesRow(time, text, timestamp.ToUniversalTime(), valid ? value : double.NaN, valid));
        }

        return rows;
    }
}
