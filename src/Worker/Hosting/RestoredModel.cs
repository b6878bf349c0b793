using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;

namespace Streaming.Worker.Hosting;

/// <summary>The model restored from the model topic, if any.</summary>
public sealed record RestoredModel(Model.Forecasting.GruForecaster? Forecaster);
