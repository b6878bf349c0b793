using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scoring;
using Streaming.Model.Torch;
using Streaming.Worker.Detection;

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
        services.AddSingleton(sp =>
        {
            TorchRuntime.EnsureInitialized();
            return sp.GetRequiredService<DetectorFactory>().CreateForecaster();
        });
        services.AddSingleton(sp => sp.GetRequiredService<DetectorFactory>().CreateEngine(sp.GetRequiredService<GruForecaster>()));
        return services;
    }
}
