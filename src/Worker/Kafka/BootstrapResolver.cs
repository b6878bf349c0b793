using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Worker.Options;

namespace Streaming.Worker.Kafka;

/// <summary>
/// The bootstrap address every client of this process uses: the configured brokers, or, when
/// <c>Kafka:BootstrapServers</c> is <c>embedded</c>, the <see cref="IEmbeddedBroker"/> the tools register, started on
/// first use with the worker's topics created at <c>Kafka:EmbeddedPartitions</c> partitions. With no broker named it
/// refuses: a worker on a broker nobody asked for would look healthy while the real topics fill up.
/// </summary>
public sealed partial class BootstrapResolver
{
    private readonly Lazy<string> _servers;

    /// <summary>Resolves lazily: nothing starts until <see cref="Servers"/> is read.</summary>
    public BootstrapResolver(IOptions<KafkaOptions> kafka, IOptions<IngestOptions> ingest, IOptions<OutputOptions> output, IOptions<StateOptions> state,
        ILogger<BootstrapResolver> logger, IEmbeddedBroker? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        _servers = new Lazy<string>(() =>
        {
            var options = kafka.Value;
            if (!options.HasBroker)
            {
                throw new InvalidOperationException(KafkaOptions.MissingBrokerMessage("the worker"));
            }

            if (!options.UsesEmbeddedBroker)
            {
                return options.BootstrapServers;
            }

            if (embedded is null)
            {
                throw new InvalidOperationException(KafkaOptions.NoEmbeddedBrokerMessage);
            }

            var o = output.Value;
            var topics = new List<(string, int)>
            {
                (ingest.Value.Topic, options.EmbeddedPartitions),
                (o.PredictionsTopic, options.EmbeddedPartitions),
                (o.AnomaliesTopic, options.EmbeddedPartitions),
                (o.DeadLetterTopic, options.EmbeddedPartitions),
            };
            var s = state.Value;
            if (s.Enabled)
            {
                topics.Add((s.StateTopicFor(options.GroupId), options.EmbeddedPartitions));
                topics.Add((s.ModelTopicFor(options.GroupId), 1));
            }

            var servers = embedded.Start(topics);
            LogEmbedded(logger, servers, options.EmbeddedPartitions);
            return servers;
        });
    }

    /// <summary>host:port list for the clients.</summary>
    public string Servers => _servers.Value;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Embedded Kafka broker (librdkafka mock cluster) listening on {BootstrapServers}; topics created with {Partitions} partitions. Attach with: kcat -b {BootstrapServers} -L")]
    private static partial void LogEmbedded(ILogger logger, string bootstrapServers, int partitions);
}
