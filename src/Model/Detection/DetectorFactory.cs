using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Detection;

/// <summary>
/// Builds the detector from its validated options: the worker builds one (a forecaster shared by all series), the
/// NAB harness one per file, so both run the same code with the same settings.
/// </summary>
public sealed class DetectorFactory(ModelOptions model, ScoringOptions scoring, ScalerKind scaler)
{
    /// <summary>A new forecaster with weights from <see cref="ModelOptions.Seed"/>; the caller disposes it.</summary>
    public GruForecaster CreateForecaster() => new(model);

    /// <summary>A new engine (no series yet) around <paramref name="forecaster"/>.</summary>
    public DetectionEngine CreateEngine(GruForecaster forecaster) => new(forecaster, scoring, () => ScalerFactory.Create(scaler));
}
