using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scoring;
using Streaming.Model.Torch;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Hosting;

/// <summary>Registers the model side: the shared GRU forecaster, scoring and the detection engine.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Binds <c>Model:</c> and <c>Scoring:</c> and registers the forecaster and the engine.</summary>
    public static IServiceCollection AddModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>();
        services.AddSingleton(sp => new DetectorFactory(
            sp.GetRequiredService<IOptions<ModelOptions>>().Value,
            sp.GetRequiredService<IOptions<ScoringOptions>>().Value,
            sp.GetRequiredService<IOptions<IngestOptions>>().Value.Scaler));

        // Model:Checkpoint set: the model takes the checkpoint's architecture and mode (a conflicting setting stops start-up)...
        services.PostConfigure<ModelOptions>(options =>
        {
            if (!string.IsNullOrEmpty(options.Checkpoint))
            {
                ForecasterCheckpoint.Adopt(options, CheckpointFile.Load(options.Checkpoint));
            }
        });

        // ...and the forecaster and the series it knew start warm from it (a refused checkpoint stops start-up).
        services.AddSingleton(sp =>
        {
            TorchRuntime.EnsureInitialized();
            var options = sp.GetRequiredService<IOptions<ModelOptions>>().Value;
            return new StartCheckpoint(string.IsNullOrEmpty(options.Checkpoint) ? null : DetectorCheckpoint.Restore(CheckpointFile.Load(options.Checkpoint), options));
        });
        services.AddSingleton(sp =>
        {
            TorchRuntime.EnsureInitialized();
            // Before the worker's own model: a forecaster's construction reseeds the process-wide generator, so the
            // worker's model is the same with or without it.
            DetectorWarmUp.Run(sp.GetRequiredService<DetectorFactory>());
            // An explicit Model:Checkpoint; else a fresh model, into which the group's saved one is loaded at start
            // (ModelTopicRestore).
            var forecaster = sp.GetRequiredService<StartCheckpoint>().Checkpoint?.Forecaster
                ?? sp.GetRequiredService<DetectorFactory>().CreateForecaster();
            ModelRollbackLog.Watch(forecaster, sp.GetService<DetectorMetrics>(), sp.GetRequiredService<ILogger<GruForecaster>>());
            return forecaster;
        });
        services.AddSingleton(sp =>
        {
            var engine = sp.GetRequiredService<DetectorFactory>().CreateEngine(sp.GetRequiredService<GruForecaster>());
            sp.GetRequiredService<StartCheckpoint>().Checkpoint?.WarmUp(engine);
            return engine;
        });
        return services;
    }
}
