using System.Diagnostics;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Valid points at a steady rate through a <see cref="PointFeed"/>, round-robin over a set of series, each series in
/// time order, until stopped. Sends are not awaited one by one, so the feed keeps its pace while the broker is down
/// or slow (the producer queues and retries); <see cref="StopAsync"/> waits for every delivery.
/// </summary>
public sealed class SteadyFeed
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly PointFeed _feed;
    private readonly string[] _series;
    private readonly int _pointsPerSecond;
    private readonly List<Task> _sends = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _produced;

    private SteadyFeed(PointFeed feed, string[] series, int pointsPerSecond)
    {
        _feed = feed;
        _series = series;
        _pointsPerSecond = pointsPerSecond;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Points handed to the producer so far.</summary>
    public int Produced => Volatile.Read(ref _produced);

    /// <summary>Starts feeding <paramref name="series"/> series named <c>{prefix}-{n}</c> at <paramref name="pointsPerSecond"/> points in all.</summary>
    public static SteadyFeed Start(PointFeed feed, string prefix, int series, int pointsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentOutOfRangeException.ThrowIfLessThan(series, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerSecond, 1);
        return new SteadyFeed(feed, [.. Enumerable.Range(0, series).Select(n => $"{prefix}-{n}")], pointsPerSecond);
    }

    /// <summary>Stops feeding, waits until every point sent is on the broker, and returns everything the input topic holds (<see cref="PointFeed.SentAsOnTopic"/>).</summary>
    public async Task<IReadOnlyList<SentMessage>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Task[] sends;
        lock (_sends)
        {
            sends = [.. _sends];
        }

        await Task.WhenAll(sends);
        _stop.Dispose();
        return _feed.SentAsOnTopic(TimeSpan.FromSeconds(30));
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * _pointsPerSecond);
            for (; _produced < due; _produced++)
            {
                var n = _produced;
                var series = _series[n % _series.Length];
                var index = n / _series.Length;
                var send = _feed.PointAsync(series, index, (10 * Math.Sin(index / 15.0)) + (n % _series.Length));
                lock (_sends)
                {
                    _sends.Add(send);
                }
            }

            try
            {
                await Task.Delay(Tick, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
