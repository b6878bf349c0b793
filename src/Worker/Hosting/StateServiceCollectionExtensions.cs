using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;

namespace Streaming.Worker.Hosting;

/// <summary>Registers state that follows its partition (<c>State:</c>) and the exactly-once writer.</summary>
public static class StateServiceCollectionExtensions
{
    /// <summary>Binds <c>State:</c> and registers the state topics, the restore and save sides, and the transactional writer.</summary>
    public static IServiceCollection AddState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>().Bind(configuration.GetSection(StateOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StateOptions>, StateOptionsValidator>();
        services.AddSingleton<PartitionCommands>();
        services.AddSingleton(sp =>
        {
            var state = sp.GetRequiredService<IOptions<StateOptions>>().Value;
            var group = sp.GetRequiredService<IOptions<KafkaOptions>>().Value.GroupId;
            var exactlyOnce = sp.GetRequiredService<IOptions<PipelineOptions>>().Value.Delivery == DeliveryGuarantee.ExactlyOnce;
            var topics = state.Enabled
                ? new CompactedTopics(sp.GetRequiredService<KafkaClientConfigFactory>().Plain(),
                    state.StateTopicFor(group), state.ModelTopicFor(group), sp.GetRequiredService<IOptions<IngestOptions>>().Value.Topic,
                    sp.GetRequiredService<ILogger<CompactedTopics>>())
                : null;
            return new StateSettings(topics, exactlyOnce, TimeSpan.FromSeconds(state.RestoreTimeoutSeconds));
        });
        services.AddSingleton<CompactedTopicReader>();
        services.AddSingleton<PartitionStateKeeper>();
        services.AddSingleton<PartitionHandover>();
        services.AddSingleton<TransactionalWriter>();
        // Registered before the detector's hosted service, so the group's model is in place before the first record.
        services.AddHostedService<ModelTopicRestore>();
        return services;
    }
}
