using ScottPlot;
using Streaming.Model.Detection;

namespace Streaming.Tools.Replay;

/// <summary>
/// Draws one series' replay as a PNG (ScottPlot): the expected range (lower to upper) as a band behind the values and
/// the predictions on the left axis, the anomaly score (0–1) on the right axis, and the flagged points circled in red.
/// </summary>
public static class ReplayPlot
{
    /// <summary>Width and height of the image in pixels.</summary>
    public const int Width = 1600, Height = 700;

    /// <summary>Saves the plot of <paramref name="results"/> (one series, in time order) to <paramref name="path"/>.</summary>
    public static void Save(string path, string title, IReadOnlyList<DetectionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        var time = results.Select(r => r.Point.Timestamp.UtcDateTime.ToOADate()).ToArray();

        // Drawn first, so that it lies behind the lines; points without a range (warming up, duplicates) are left out.
        var banded = results.Select((r, i) => (r, i)).Where(x => x.r.Lower is not null && x.r.Upper is not null).ToList();
        if (banded.Count > 1)
        {
            var band = plot.Add.FillY(banded.Select(x => time[x.i]).ToArray(), banded.Select(x => x.r.Lower!.Value).ToArray(), banded.Select(x => x.r.Upper!.Value).ToArray());
            band.LegendText = "expected range (at the alert threshold)";
            band.FillColor = Colors.SteelBlue.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
        }

        var values = plot.Add.Scatter(time, results.Select(r => r.Point.Value).ToArray());
        values.LegendText = "value";
        values.MarkerSize = 0;
        values.LineWidth = 1;

        var predictedRows = results.Select((r, i) => (r, i)).Where(x => x.r.Predicted is not null).ToList();
        var predicted = plot.Add.Scatter(predictedRows.Select(x => time[x.i]).ToArray(), predictedRows.Select(x => x.r.Predicted!.Value).ToArray());
        predicted.LegendText = "predicted";
        predicted.MarkerSize = 0;
        predicted.LineWidth = 1;
        predicted.LinePattern = LinePattern.Dashed;

        var score = plot.Add.Scatter(time, results.Select(r => r.Score.Score).ToArray());
        score.LegendText = "anomaly score (right axis)";
        score.MarkerSize = 0;
        score.LineWidth = 1;
        score.Color = Colors.Gray.WithAlpha(0.6);
        score.Axes.YAxis = plot.Axes.Right;

        var flagged = results.Select((r, i) => (r, i)).Where(x => x.r.IsAnomaly).ToList();
        if (flagged.Count > 0)
        {
            var markers = plot.Add.Markers(flagged.Select(x => time[x.i]).ToArray(), flagged.Select(x => x.r.Point.Value).ToArray(), MarkerShape.OpenCircle, 12, Colors.Red);
            markers.LegendText = $"flagged ({flagged.Count})";
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "value";
        plot.Axes.Right.Label.Text = "anomaly score";
        plot.Axes.SetLimitsY(-0.02, 1.02, plot.Axes.Right);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
