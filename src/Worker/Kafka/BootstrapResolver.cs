using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Worker.Embedded;
using Streaming.Worker.Options;

namespace Streaming.Worker.Kafka;

/// <summary>
/// The bootstrap address every client of this process uses: the configured brokers, or, when
/// <c>Kafka:BootstrapServers</c> is <c>embedded</c>, an in-process librdkafka mock cluster started on first use with
/// the worker's topics created at <c>Kafka:EmbeddedPartitions</c> partitions. With no broker named it refuses: a
/// worker on a broker nobody asked for would look healthy while the real topics fill up.
/// </summary>
public sealed partial class BootstrapResolver : IDisposable
{
    private readonly Lazy<string> _servers;
    private MockCluster? _embedded;

    /// <summary>Resolves lazily: nothing starts until <see cref="Servers"/> is read.</summary>
    public BootstrapResolver(IOptions<KafkaOptions> kafka, IOptions<IngestOptions> ingest, IOptions<OutputOptions> output, IOptions<StateOptions> state, ILogger<BootstrapResolver> logger)
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

            _embedded = MockCluster.Start();
            var o = output.Value;
            foreach (var topic in new[] { ingest.Value.Topic, o.PredictionsTopic, o.AnomaliesTopic, o.DeadLetterTopic })
            {
                _embedded.CreateTopic(topic, options.EmbeddedPartitions);
            }

            var s = state.Value;
            if (s.Enabled)
            {
                _embedded.CreateTopic(s.StateTopicFor(options.GroupId), options.EmbeddedPartitions);
                _embedded.CreateTopic(s.ModelTopicFor(options.GroupId), 1);
            }

            LogEmbedded(logger, _embedded.BootstrapServers, options.EmbeddedPartitions);
            return _embedded.BootstrapServers;
        });
    }

    /// <summary>host:port list for the clients.</summary>
    public string Servers => _servers.Value;

    /// <inheritdoc />
    public void Dispose() => _embedded?.Dispose();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Embedded Kafka broker (librdkafka mock cluster) listening on {BootstrapServers}; topics created with {Partitions} partitions. Attach with: kcat -b {BootstrapServers} -L")]
    private static partial void LogEmbedded(ILogger logger, string bootstrapServers, int partitions);
}
