using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streaming.Tools.Simulation;

namespace Streaming.Bench.EndToEnd;

/// <summary>Pre-fills a topic with simulator points, series in turn, as fast as the producer takes them.</summary>
public static class TopicFiller
{
    /// <summary>Simulated time of point 0; the same every run, so runs see the same data.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Produces <paramref name="pointsPerSeries"/> points for each of <paramref name="seriesCount"/> series; returns the produce rate in points/s.</summary>
    public static double Fill(string bootstrap, string topic, int seriesCount, int pointsPerSeries)
    {
        var series = SimulationPlan.Create(seriesCount, pointsPerSeries);
        var config = new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 20, Acks = Acks.All, BatchSize = 1_000_000 };
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        long failed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pointsPerSeries; i++)
        {
            var timestamp = (Start + (SimulatorProducer.Step * i)).ToUnixTimeMilliseconds();
            foreach (var s in series)
            {
                var message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(s.Id), Value = Json(s.Id, timestamp, s.Next()) };
                ProduceWithRetry(producer, topic, message, r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } });
            }
        }

        producer.Flush();
        return failed == 0
            ? (double)seriesCount * pointsPerSeries / clock.Elapsed.TotalSeconds
            : throw new InvalidOperationException($"{failed} points were not delivered while filling {topic}");
    }

    /// <summary>The input contract's JSON with an epoch-milliseconds timestamp.</summary>
    public static byte[] Json(string seriesId, long epochMs, double value) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"series\":\"{seriesId}\",\"timestamp\":{epochMs},\"value\":{value:R}}}"));

    /// <summary>Produces, waiting for room when librdkafka's local queue is full.</summary>
    public static void ProduceWithRetry(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivered)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
