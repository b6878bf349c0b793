using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Worker.Options;

namespace Streaming.Worker.Kafka;

/// <summary>
/// The settings of every Kafka client of the worker, in one place: <c>Kafka:</c>'s settings, the resolved bootstrap
/// address, and what the delivery guarantee adds (read-committed consumers, a transactional producer).
/// </summary>
public sealed class KafkaClientConfigFactory(IOptions<KafkaOptions> kafka, IOptions<PipelineOptions> pipeline, BootstrapResolver bootstrap)
{
    private bool ExactlyOnce => pipeline.Value.Delivery == DeliveryGuarantee.ExactlyOnce;

    /// <summary>
    /// The consumer's settings; exactly-once reads only committed input. Its group offsets are still committed in the
    /// background (lag monitoring): an input's offset is stored only after its transaction committed, and restarts
    /// resume from the state topic's positions, not from these.
    /// </summary>
    public ConsumerConfig Consumer()
    {
        var config = KafkaClientConfigs.Consumer(kafka.Value, bootstrap.Servers);
        if (ExactlyOnce)
        {
            config.IsolationLevel = IsolationLevel.ReadCommitted;
        }

        return config;
    }

    /// <summary>The output producer's settings; exactly-once adds the worker's <c>transactional.id</c>.</summary>
    public ProducerConfig Producer()
    {
        var config = Plain();
        if (ExactlyOnce)
        {
            var id = pipeline.Value.TransactionalId;
            config.TransactionalId = string.IsNullOrWhiteSpace(id) ? $"{kafka.Value.GroupId}-{Environment.MachineName}" : id;
        }

        return config;
    }

    /// <summary>Producer-side settings without the guarantee's additions: for the admin client of the state topics.</summary>
    public ProducerConfig Plain() => KafkaClientConfigs.Producer(kafka.Value, bootstrap.Servers);
}
