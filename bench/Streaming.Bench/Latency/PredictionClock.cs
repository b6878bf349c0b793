using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.Bench.Latency;

/// <summary>
/// Reads the predictions topic as a subscriber would and records, per prediction, the time from its input's
/// produce timestamp to the moment the prediction could be read (an upper bound of its delivery time).
/// </summary>
public static class PredictionClock
{
    /// <summary>
    /// Reads until cancelled, with <paramref name="fetchWaitMs"/> as its <c>fetch.wait.max.ms</c>; returns the latencies
    /// in milliseconds.
    /// </summary>
    public static List<double> Run(string bootstrap, string topic, int fetchWaitMs, CancellationToken cancel)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "latency-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = fetchWaitMs,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(topic);
        var latencies = new List<double>(1 << 20);
        while (!cancel.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result?.Message?.Value is not { } value)
            {
                continue;
            }

            var now = DateTimeOffset.UtcNow;
            using var json = JsonDocument.Parse(value);
            var produced = json.RootElement.GetProperty("timestamp").GetDateTimeOffset();
            latencies.Add((now - produced).TotalMilliseconds);
        }

        consumer.Close();
        return latencies;
    }
}
