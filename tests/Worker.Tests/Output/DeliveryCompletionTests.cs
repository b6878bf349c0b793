using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Output;

public class DeliveryCompletionTests
{
    [Fact]
    public void Completes_once_after_the_last_of_its_outputs()
    {
        var completed = 0;
        var completion = new DeliveryCompletion(2, () => completed++);
        completion.OneDelivered();
        Assert.Equal(0, completed);
        completion.OneDelivered();
        Assert.Equal(1, completed);
    }

    [Fact]
    public void Concurrent_deliveries_complete_exactly_once()
    {
        var completed = 0;
        var completion = new DeliveryCompletion(1000, () => Interlocked.Increment(ref completed));
        Parallel.For(0, 1000, _ => completion.OneDelivered());
        Assert.Equal(1, completed);
    }
}
