using Streaming.Tools.Csv;

namespace Streaming.Tools.Nab;

/// <summary>
/// One NAB data file: its rows as written (timestamp and value text, kept verbatim for the result file) and parsed.
/// <see cref="RelativePath"/> is <c>category/file.csv</c>, the key of NAB's label file.
/// </summary>
public sealed class NabSeries
{
    private NabSeries(string relativePath, IReadOnlyList<TimeSeriesRow> rows)
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
    public IReadOnlyList<TimeSeriesRow> Rows { get; }

    /// <summary>Every <c>category/*.csv</c> under <paramref name="dataDirectory"/>, ordered by relative path.</summary>
    public static IReadOnlyList<string> Find(string dataDirectory) =>
        [.. Directory.EnumerateDirectories(dataDirectory)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.csv"))
            .Select(file => Path.GetRelativePath(dataDirectory, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Reads a <c>timestamp,value</c> CSV with the worker's <see cref="TimeSeriesCsv"/> reader. A row whose timestamp or
    /// value does not parse is kept with <see cref="TimeSeriesRow.IsValid"/> false: the result file needs one row per input row.
    /// </summary>
    public static NabSeries Read(string dataDirectory, string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(dataDirectory, relativePath));
        return new NabSeries(relativePath, TimeSeriesCsv.Read(reader, relativePath));
    }
}
