using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Bench.EndToEnd;
using Streaming.Tools.Simulation;

namespace Streaming.Bench.Latency;

/// <summary>
/// Produces simulator points at a fixed total rate, series in turn. Each point's timestamp is the wall-clock time
/// it is produced at (epoch milliseconds), so a prediction carries the moment its input entered Kafka.
/// </summary>
public static class RateProducer
{
    /// <summary>
    /// Produces at <paramref name="pointsPerSecond"/> until <paramref name="duration"/> passes, batching for up to
    /// <paramref name="lingerMs"/> (<c>linger.ms</c>); returns points produced.
    /// </summary>
    public static long Run(string bootstrap, string topic, int seriesCount, double pointsPerSecond, TimeSpan duration, int lingerMs, CancellationToken cancel)
    {
        var series = SimulationPlan.Create(seriesCount, (long)(pointsPerSecond * duration.TotalSeconds / seriesCount) + 1);
        var keys = series.Select(s => System.Text.Encoding.UTF8.GetBytes(s.Id)).ToArray();
        var config = new ProducerConfig { BootstrapServers = bootstrap, LingerMs = lingerMs, Acks = Acks.All };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration && !cancel.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * pointsPerSecond);
            for (; sent < due; sent++)
            {
                var i = (int)(sent % seriesCount);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var message = new Message<byte[], byte[]> { Key = keys[i], Value = TopicFiller.Json(series[i].Id, now, series[i].Next()) };
                TopicFiller.ProduceWithRetry(producer, topic, message, _ => { });
            }

            Thread.Sleep(1);
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        return sent;
    }
}
