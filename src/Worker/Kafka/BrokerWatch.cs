namespace Streaming.Worker.Kafka;

/// <summary>
/// How long the worker has gone without a reachable broker, from librdkafka's statistics (every
/// <c>statistics.interval.ms</c>, 5 s by default). librdkafka retries a lost broker for ever and reports it only as
/// log lines, so without this a worker whose cluster is gone would stay up, ready in name, processing nothing.
/// With statistics turned off there is nothing to judge by, and the watch never fires. Thread-safe.
/// </summary>
public sealed class BrokerWatch(TimeProvider time)
{
    private long _lastReachable = time.GetTimestamp();
    private volatile bool _sampled;

    /// <summary>Takes one statistics sample: how many brokers the client has a working connection to.</summary>
    public void Observe(int brokersUp)
    {
        _sampled = true;
        if (brokersUp > 0)
        {
            Interlocked.Exchange(ref _lastReachable, time.GetTimestamp());
        }
    }

    /// <summary>Time since a broker was last seen reachable (or since the watch started); zero before the first sample.</summary>
    public TimeSpan Unreachable => _sampled ? time.GetElapsedTime(Interlocked.Read(ref _lastReachable)) : TimeSpan.Zero;

    /// <summary>
    /// Completes once no broker has been reachable for <paramref name="timeout"/>, counted from now at the latest;
    /// never when <paramref name="timeout"/> is zero. Cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task WaitUntilLostAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastReachable, time.GetTimestamp());
        if (timeout <= TimeSpan.Zero)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
        }

        while (Unreachable < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
