using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.Tools.Demo;

/// <summary>
/// Reads the anomalies topic from the start of every partition (no consumer group, so no join delay) and
/// prints each flag as it arrives (unless <paramref name="printLines"/> is false: the live table shows them instead),
/// annotated by <paramref name="describe"/> (e.g. which injected event it matches).
/// </summary>
public sealed class AnomalyConsoleView(string bootstrapServers, string topic, TextWriter output, Func<FlaggedPoint, string> describe, bool printLines = true)
{
    private readonly ConcurrentQueue<FlaggedPoint> _flags = new();

    /// <summary>Every flag seen so far.</summary>
    public IReadOnlyCollection<FlaggedPoint> Flags => _flags;

    /// <summary>Reads and prints until the token fires; runs on its own thread (the consume call blocks).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.Factory.StartNew(() =>
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "demo-view", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message?.Value is not { } value || Parse(value) is not { } flag)
            {
                continue;
            }

            _flags.Enqueue(flag);
            if (printLines)
            {
                output.WriteLine(Format(flag));
            }
        }

        consumer.Close();
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // The line of one flag when the output is plain.
    private string Format(FlaggedPoint flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return string.Create(CultureInfo.InvariantCulture,
            $"ANOMALY {flag.Timestamp:yyyy-MM-dd HH:mm} {flag.Series,-20} value={flag.Value,9:F3} predicted={flag.Predicted,9:F3} score={flag.Score:F6} severity={flag.Severity,-6} {describe(flag)}");
    }

    private static FlaggedPoint? Parse(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var predicted = root.GetProperty("predicted");
            return new FlaggedPoint(
                root.GetProperty("series").GetString() ?? "",
                root.GetProperty("timestamp").GetDateTimeOffset(),
                root.GetProperty("value").GetDouble(),
                predicted.ValueKind == JsonValueKind.Number ? predicted.GetDouble() : null,
                root.GetProperty("score").GetDouble(),
                root.GetProperty("severity").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
