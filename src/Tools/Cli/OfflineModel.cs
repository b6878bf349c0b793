using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Scaling;
using Streaming.Worker.Checkpoints;

namespace Streaming.Tools.Cli;

/// <summary>
/// A checkpoint opened for an offline command (<c>evaluate</c>, <c>predict</c>): the model with the architecture the file
/// carries, and the scaler a series is read with.
/// </summary>
internal sealed class OfflineModel : IDisposable
{
    private readonly DetectorCheckpoint _checkpoint;

    private OfflineModel(DetectorCheckpoint checkpoint) => _checkpoint = checkpoint;

    /// <summary>The restored forecaster.</summary>
    public GruForecaster Forecaster => _checkpoint.Forecaster;

    /// <summary>Opens <paramref name="path"/>; <paramref name="configArgs"/> may not contradict its architecture.</summary>
    public static OfflineModel Load(string path, IEnumerable<string> configArgs)
    {
        var file = CheckpointFile.Load(path);
        var (options, _) = OfflineConfiguration.Load(configArgs);
        ForecasterCheckpoint.Adopt(options, file);
        return new OfflineModel(DetectorCheckpoint.Restore(file, options));
    }

    /// <summary>
    /// The checkpoint's scaler of series <paramref name="seriesId"/> when it has one, else min-max over
    /// <paramref name="raw"/> (as the lesson scales); with a sentence saying which.
    /// </summary>
    public (MinMaxScaler Scaler, string Origin) ScalerFor(string seriesId, IReadOnlyList<double> raw)
    {
        if (_checkpoint.Series.FirstOrDefault(s => s.SeriesId == seriesId)?.Scaler is { } known)
        {
            return (known, $"the checkpoint's scaler of series '{seriesId}'");
        }

        var fitted = new MinMaxScaler();
        foreach (var v in raw)
        {
            fitted.Observe(v);
        }

        return (fitted, "min-max over the input");
    }

    /// <summary>The ids of the series the checkpoint knows.</summary>
    public IEnumerable<string> SeriesIds => _checkpoint.Series.Select(s => s.SeriesId);

    /// <inheritdoc />
    public void Dispose() => Forecaster.Dispose();
}
