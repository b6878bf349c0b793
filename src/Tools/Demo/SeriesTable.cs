using System.Globalization;
using Spectre.Console;

namespace Streaming.Tools.Demo;

/// <summary>
/// The demo's live view per series: points seen, the last value, its prediction and score, and the anomalies so
/// far. Fed from the predictions topic; rendered as fixed-width text lines. Thread-safe.
/// </summary>
public sealed class SeriesTable
{
    private readonly SortedDictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Records one prediction message.</summary>
    public void Observe(string series, double value, double? predicted, double score, bool isAnomaly)
    {
        lock (_lock)
        {
            var row = _rows.GetValueOrDefault(series);
            _rows[series] = new Row(row.Points + 1, value, predicted, score, row.Anomalies + (isAnomaly ? 1 : 0));
        }
    }

    /// <summary>Series seen so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>The table: a header and one line per series, in series order.</summary>
    public IReadOnlyList<string> Render()
    {
        lock (_lock)
        {
            var lines = new List<string>(_rows.Count + 1) { $"{"series",-22}{"points",8}{"last value",13}{"predicted",13}{"score",10}{"anomalies",11}" };
            foreach (var (series, r) in _rows)
            {
                var predicted = r.Predicted is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "-";
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{series,-22}{r.Points,8}{r.Value,13:F3}{predicted,13}{r.Score,10:F4}{r.Anomalies,11}"));
            }

            return lines;
        }
    }

    /// <summary>
    /// The table for a terminal: at most <paramref name="maxRows"/> series (a last row counts the rest), numbers
    /// right-aligned, borders that cost one column between cells.
    /// </summary>
    public Table ToTable(int maxRows)
    {
        var view = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("series").NoWrap())
            .AddColumn(new TableColumn("points").RightAligned().NoWrap())
            .AddColumn(new TableColumn("value").RightAligned().NoWrap())
            .AddColumn(new TableColumn("predicted").RightAligned().NoWrap())
            .AddColumn(new TableColumn("score").RightAligned().NoWrap())
            .AddColumn(new TableColumn("flags").RightAligned().NoWrap());
        lock (_lock)
        {
            var shown = _rows.Count <= maxRows ? _rows.Count : Math.Max(0, maxRows - 1);
            foreach (var (series, r) in _rows.Take(shown))
            {
                view.AddRow(
                    Markup.Escape(series),
                    r.Points.ToString(CultureInfo.InvariantCulture),
                    r.Value.ToString("F3", CultureInfo.InvariantCulture),
                    r.Predicted is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "-",
                    r.Score.ToString("F4", CultureInfo.InvariantCulture),
                    r.Anomalies.ToString(CultureInfo.InvariantCulture));
            }

            if (shown < _rows.Count)
            {
                view.AddRow($"… {_rows.Count - shown} more", "", "", "", "", _rows.Values.Skip(shown).Sum(r => r.Anomalies).ToString(CultureInfo.InvariantCulture));
            }
        }

        return view;
    }

    private readonly record struct Row(long Points, double Value, double? Predicted, double Score, int Anomalies);
}
