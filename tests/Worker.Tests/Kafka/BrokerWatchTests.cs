using Streaming.Worker.Kafka;

namespace Streaming.Worker.Tests.Kafka;

public class BrokerWatchTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void Unreachable_counts_from_the_last_sample_with_a_broker_up()
    {
        var watch = new BrokerWatch(_time);
        watch.Observe(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        watch.Observe(0);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(15), watch.Unreachable);
        watch.Observe(2);
        Assert.Equal(TimeSpan.Zero, watch.Unreachable);
    }

    [Fact]
    public void Without_any_sample_nothing_is_judged()
    {
        // statistics.interval.ms=0 turns librdkafka's statistics off: no sample must not read as an outage.
        var watch = new BrokerWatch(_time);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, watch.Unreachable);
    }

    [Fact]
    public async Task The_wait_ends_once_no_broker_was_up_for_the_timeout()
    {
        // Manual timestamps: on a loaded machine a real 200 ms pause can outlast the 600 ms timeout.
        var watch = new BrokerWatch(_time);
        watch.Observe(0);
        var lost = watch.WaitUntilLostAsync(TimeSpan.FromMilliseconds(600), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(600); // more than one of the wait's own polls
        Assert.False(lost.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(400));
        await lost.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watch.Unreachable >= TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task A_broker_seen_up_keeps_the_wait_going_and_zero_waits_for_ever()
    {
        // Manual timestamps: the machine's load cannot stretch the gaps between samples into an outage.
        var watch = new BrokerWatch(_time);
        using var stop = new CancellationTokenSource();
        var lost = watch.WaitUntilLostAsync(TimeSpan.FromMilliseconds(500), stop.Token);
        var never = watch.WaitUntilLostAsync(TimeSpan.Zero, stop.Token);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(400));
            watch.Observe(1);
        }

        await Task.Delay(600); // more than one of the wait's own polls
        Assert.False(lost.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await lost.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(never.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
