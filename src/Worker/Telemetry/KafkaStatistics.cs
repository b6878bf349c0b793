using System.Text.Json;

namespace Streaming.Worker.Telemetry;

/// <summary>Reads what the worker exports from librdkafka's statistics JSON (see librdkafka's STATISTICS.md).</summary>
public static class KafkaStatistics
{
    /// <summary>
    /// Sum of <c>consumer_lag</c> over the partitions of each topic that this consumer fetches, in messages.
    /// Partitions whose lag is still unknown (-1) and the internal partition -1 are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, long> ConsumerLagByTopic(string json)
    {
        var lag = new Dictionary<string, long>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object)
        {
            return lag;
        }

        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            long sum = 0;
            var known = false;
            foreach (var partition in partitions.EnumerateObject())
            {
                if (partition.Name == "-1"
                    || !partition.Value.TryGetProperty("consumer_lag", out var value)
                    || !value.TryGetInt64(out var messages)
                    || messages < 0)
                {
                    continue;
                }

                sum += messages;
                known = true;
            }

            if (known)
            {
                lag[topic.Name] = sum;
            }
        }

        return lag;
    }

    /// <summary>
    /// How many brokers the client holds a working connection to (<c>brokers.*.state</c> = <c>UP</c>), the bootstrap
    /// entries included: any answering broker means the cluster is reachable.
    /// </summary>
    public static int BrokersUp(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("brokers", out var brokers) || brokers.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        return brokers.EnumerateObject().Count(b =>
            b.Value.ValueKind == JsonValueKind.Object
            && b.Value.TryGetProperty("state", out var state)
            && state.ValueKind == JsonValueKind.String
            && state.ValueEquals("UP"));
    }
}
