namespace Streaming.Worker.Hosting;

/// <summary>The model restored from the model topic, if any.</summary>
public sealed record RestoredModel(Model.Forecasting.GruForecaster? Forecaster);
