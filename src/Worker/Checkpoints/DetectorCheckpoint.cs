using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Checkpoints;

/// <summary>
/// A whole detector in one checkpoint: the forecaster (weights, optimiser, replay) and the state of every series
/// (scaler, residual statistics). Loading is all or nothing: the file is checked, the model built and every series
/// parsed before anything is handed out.
/// </summary>
public sealed class DetectorCheckpoint
{
    private DetectorCheckpoint(GruForecaster forecaster, IReadOnlyList<WarmSeries> series)
    {
        Forecaster = forecaster;
        Series = series;
    }

    /// <summary>The restored forecaster (the caller owns and disposes it).</summary>
    public GruForecaster Forecaster { get; }

    /// <summary>The series the checkpoint knew: they start warm.</summary>
    public IReadOnlyList<WarmSeries> Series { get; }

    /// <summary>A checkpoint of <paramref name="forecaster"/> and <paramref name="series"/>.</summary>
    public static CheckpointFile Capture(GruForecaster forecaster, IEnumerable<WarmSeries> series)
    {
        var file = ForecasterCheckpoint.Capture(forecaster);
        CheckpointSeriesCodec.Write(file, series);
        return file;
    }

    /// <summary>Loads <paramref name="file"/> against the configured model; throws <see cref="CheckpointException"/> when refused.</summary>
    public static DetectorCheckpoint Restore(CheckpointFile file, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        var series = CheckpointSeriesCodec.Read(file);
        return new DetectorCheckpoint(ForecasterCheckpoint.Restore(file, options), series);
    }

    /// <summary>Warms <paramref name="engine"/> with every series of the checkpoint.</summary>
    public void WarmUp(DetectionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var s in Series)
        {
            engine.Warm(s.SeriesId, s.Scaler, s.Scorer);
        }
    }

    /// <summary>The series' states of a running engine, for <see cref="Capture"/>.</summary>
    public static IEnumerable<WarmSeries> From(DetectionEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (id, state) in engine.Series)
        {
            if (state.Window.Scaler is MinMaxScaler scaler)
            {
                yield return new WarmSeries(id, scaler, state.Scorer.Capture());
            }
        }
    }

    /// <summary>
    /// A scorer's state after scoring <paramref name="residuals"/> (raw units) of a series whose scaler spans
    /// <paramref name="span"/> raw units, as the engine scores them: a series' statistics built offline.
    /// </summary>
    public static ResidualScorerState ScoreOffline(ScoringOptions scoring, IEnumerable<double> residuals, double span)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        var scorer = new ResidualScorer(scoring);
        foreach (var r in residuals)
        {
            scorer.Score(r, span);
        }

        return scorer.Capture();
    }
}
