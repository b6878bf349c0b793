namespace Streaming.Worker.Output;

/// <summary>
/// Counts the outstanding outputs of one input message; when the last one is delivered it runs the
/// completion once (which lets the input offset be stored). Delivery reports arrive on the producer's thread.
/// </summary>
public sealed class DeliveryCompletion(int outputs, Action onAllDelivered)
{
    private int _remaining = outputs;

    /// <summary>Marks one output delivered.</summary>
    public void OneDelivered()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            onAllDelivered();
        }
    }
}
