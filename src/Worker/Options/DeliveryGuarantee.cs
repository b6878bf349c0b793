namespace Streaming.Worker.Options;

/// <summary>What the worker promises about outputs per input point (<c>Pipeline:Delivery</c>).</summary>
public enum DeliveryGuarantee
{
    /// <summary>Every valid point gets its prediction; after a crash some may come twice. Fastest.</summary>
    AtLeastOnce,

    /// <summary>
    /// Exactly one prediction per valid point, even across crashes and rebalances, for consumers reading with
    /// <c>isolation.level=read_committed</c>: outputs, state and input positions are written in one Kafka transaction.
    /// </summary>
    ExactlyOnce,
}
