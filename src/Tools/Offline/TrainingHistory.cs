using System.Globalization;
using ScottPlot;
using Streaming.Model.Training;

namespace Streaming.Tools.Offline;

/// <summary>
/// What <c>train</c> measured after each epoch, as Keras' <c>History</c> keeps it: written as CSV
/// (<c>epoch,loss,test_mse,learning_rate</c>) and, when asked, drawn as a PNG.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>The epochs recorded so far, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Records one epoch.</summary>
    public void Add(EpochReport epoch) => _epochs.Add(epoch);

    /// <summary>Writes the CSV to <paramref name="path"/>; <paramref name="heldOut"/> names the held-out MSE's column.</summary>
    public void WriteCsv(string path, string heldOut = "test_mse")
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine($"epoch,loss,{heldOut},learning_rate");
        foreach (var e in _epochs)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainLoss:R},{e.TestMse:R},{e.LearningRate:R}"));
        }
    }

    /// <summary>Draws training loss and test MSE per epoch (log scale: the curve spans decades) to <paramref name="path"/>.</summary>
    public void SavePlot(string path, string title)
    {
        var plot = new Plot();
        var epochs = _epochs.Select(e => (double)e.Epoch).ToArray();
        var loss = plot.Add.Scatter(epochs, _epochs.Select(e => Math.Log10(e.TrainLoss)).ToArray());
        loss.LegendText = "training loss";
        var test = plot.Add.Scatter(epochs, _epochs.Select(e => Math.Log10(e.TestMse)).ToArray());
        test.LegendText = "test MSE";
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "log10 MSE (scaled units²)";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
