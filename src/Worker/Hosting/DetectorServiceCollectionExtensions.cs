using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Ingest.Offsets;
using Streaming.Ingest.Options;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Hosting;

/// <summary>Registers the Kafka side and the hosted worker that joins ingest and model.</summary>
public static class DetectorServiceCollectionExtensions
{
    /// <summary>Binds <c>Kafka:</c>, <c>Output:</c> and <c>Pipeline:</c> and registers the consume, model and publish stages.</summary>
    public static IServiceCollection AddDetector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddOptions<OutputOptions>().Bind(configuration.GetSection(OutputOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutputOptions>, OutputOptionsValidator>();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddState(configuration);
        // Read raw, not through IOptions<PipelineOptions>: the host resolves this before options are validated,
        // and a bad value must surface as the validation message at start, not as an error while building.
        var shutdownSeconds = Math.Clamp(configuration.GetValue<int?>($"{PipelineOptions.Section}:{nameof(PipelineOptions.ShutdownTimeoutSeconds)}") ?? 15, 1, 600);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdownSeconds + 5));

        services.AddSingleton<BootstrapResolver>();
        services.AddSingleton<KafkaClientConfigFactory>();
        services.AddSingleton<WorkerOutcome>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BrokerWatch>();
        services.AddSingleton(sp => new PointConsumer(
            KafkaSettingsLog.Logged(sp.GetRequiredService<ILogger<BootstrapResolver>>(), "consumer", sp.GetRequiredService<KafkaClientConfigFactory>().Consumer()),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value.Topic,
            sp.GetRequiredService<PointDecoder>(),
            sp.GetRequiredService<OffsetTracker>(),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value.ChannelCapacity,
            sp.GetRequiredService<ILogger<PointConsumer>>(),
            ConsumerStatistics(sp.GetRequiredService<DetectorMetrics>(), sp.GetRequiredService<BrokerWatch>())));
        services.AddSingleton<OutputPublisher>();
        // Model thread → publish thread: bounded, so a slow broker holds the model back instead of filling memory.
        services.AddSingleton(sp => Channel.CreateBounded<PublishRequest>(new BoundedChannelOptions(
            sp.GetRequiredService<IOptions<IngestOptions>>().Value.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        services.AddSingleton<ModelLoop>();
        services.AddSingleton(sp => new PublishLoop(
            sp.GetRequiredService<Channel<PublishRequest>>(),
            sp.GetRequiredService<OutputPublisher>(),
            sp.GetRequiredService<OffsetTracker>(),
            sp.GetRequiredService<PointConsumer>().StoreOffset,
            sp.GetRequiredService<StateSettings>().Topics,
            sp.GetRequiredService<StateSettings>().ExactlyOnce ? sp.GetRequiredService<TransactionalWriter>() : null,
            sp.GetRequiredService<DetectorMetrics>(),
            sp.GetRequiredService<ILogger<PublishLoop>>()));
        services.AddHostedService<DetectorService>();
        return services;
    }

    // librdkafka's statistics feed the lag gauge and the broker watch; a malformed document must not reach the
    // client's thread as an exception.
    private static Action<string> ConsumerStatistics(DetectorMetrics metrics, BrokerWatch brokers) => json =>
    {
        try
        {
            metrics.ConsumerLag(KafkaStatistics.ConsumerLagByTopic(json));
            brokers.Observe(KafkaStatistics.BrokersUp(json));
        }
        catch (System.Text.Json.JsonException)
        {
            // Keep the last good figures.
        }
    };
}
