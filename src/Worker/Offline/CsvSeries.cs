using System.Globalization;

namespace Streaming.Worker.Offline;

/// <summary>
/// Reads a series from a CSV file of <c>timestamp,value</c> rows (a header row is skipped, as are blank lines); the
/// values in file order. A row whose value is not a finite number is an error naming the line.
/// </summary>
public static class CsvSeries
{
    /// <summary>The values of <paramref name="path"/>; throws <see cref="FormatException"/> on a bad row.</summary>
    public static double[] Read(string path)
    {
        var values = new List<double>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var comma = text.LastIndexOf(',');
            var field = (comma < 0 ? text : text[(comma + 1)..]).Trim().Trim('"');
            if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                values.Add(value);
            }
            else if (line != 1)
            {
                throw new FormatException($"{path}:{line}: '{field}' is not a finite number (expected rows of timestamp,value).");
            }
        }

        return [.. values];
    }
}
