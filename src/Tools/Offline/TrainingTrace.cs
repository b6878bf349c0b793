using System.Globalization;
using System.Runtime.InteropServices;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Training;

namespace Streaming.Tools.Offline;

/// <summary>
/// What another implementation needs to take the same steps as one <c>train</c> run: the initial weights, one raw
/// float32 file per state-dict entry (<c>NAME.bin</c>), each epoch's order of the training pairs (<c>order.txt</c>, a
/// line of indices per epoch) and the loss of every step (<c>steps.txt</c>), as
/// <c>bench/lesson/keras_gru_reference.py --init DIR --order DIR/order.txt</c> reads them.
/// </summary>
public sealed class TrainingTrace : IDisposable
{
    private readonly StreamWriter _order;
    private readonly StreamWriter _steps;

    private TrainingTrace(string directory)
    {
        _order = new StreamWriter(Path.Combine(directory, "order.txt"));
        _steps = new StreamWriter(Path.Combine(directory, "steps.txt"));
    }

    /// <summary>Creates <paramref name="directory"/> and writes <paramref name="forecaster"/>'s weights as they are now, before training.</summary>
    public static TrainingTrace Start(string directory, GruForecaster forecaster)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, values) in ForecasterCheckpoint.Weights(forecaster))
        {
            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), MemoryMarshal.AsBytes(values.AsSpan()));
        }

        return new TrainingTrace(directory);
    }

    /// <summary><paramref name="training"/> with the order and the step losses written to the trace.</summary>
    public OfflineTrainingOptions Follow(OfflineTrainingOptions training) => training with
    {
        EpochOrder = (_, order) => _order.WriteLine(string.Join(' ', order)),
        StepLoss = loss => _steps.WriteLine(loss.ToString("E9", CultureInfo.InvariantCulture)),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _order.Dispose();
        _steps.Dispose();
    }
}
