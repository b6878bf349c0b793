using System.Globalization;

namespace Streaming.Worker.Nab;

/// <summary>
/// One NAB data file: its rows as written (timestamp and value text, kept verbatim for the result file) and parsed.
/// <see cref="RelativePath"/> is <c>category/file.csv</c>, the key of NAB's label file.
/// </summary>
public sealed class NabSeries
{
    private NabSeries(string relativePath, IReadOnlyList<NabRow> rows)
    {
        RelativePath = relativePath;
        Rows = rows;
    }

    /// <summary><c>category/file.csv</c>, with forward slashes.</summary>
    public string RelativePath { get; }

    /// <summary>The category folder the file sits in.</summary>
    public string Category => RelativePath[..RelativePath.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The file name without its folder and extension.</summary>
    public string Name => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>The data rows in file order.</summary>
    public IReadOnlyList<NabRow> Rows { get; }

    /// <summary>Every <c>category/*.csv</c> under <paramref name="dataDirectory"/>, ordered by relative path.</summary>
    public static IReadOnlyList<string> Find(string dataDirectory) =>
        [.. Directory.EnumerateDirectories(dataDirectory)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.csv"))
            .Select(file => Path.GetRelativePath(dataDirectory, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Reads a <c>timestamp,value</c> CSV (header first, columns found by name). A row whose timestamp or value does
    /// not parse is kept with <see cref="NabRow.IsValid"/> false: the result file needs one row per input row.
    /// </summary>
    public static NabSeries Read(string dataDirectory, string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(dataDirectory, relativePath));
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{relativePath}: empty file")).Split(',');
        var timeColumn = Array.FindIndex(header, h => h.Trim() == "timestamp");
        var valueColumn = Array.FindIndex(header, h => h.Trim() == "value");
        if (timeColumn < 0 || valueColumn < 0)
        {
            throw new InvalidDataException($"{relativePath}: the header must name the columns 'timestamp' and 'value', got '{string.Join(',', header)}'");
        }

        var rows = new List<NabRow>();
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
            rows.Add(new NabRow(time, text, timestamp.ToUniversalTime(), valid ? value : double.NaN, valid));
        }

        return new NabSeries(relativePath, rows);
    }
}

/// <summary>One data row: the text as read and, when <see cref="IsValid"/>, the parsed UTC timestamp and value.</summary>
public readonly record struct NabRow(string TimestampText, string ValueText, DateTimeOffset Timestamp, double Value, bool IsValid);
