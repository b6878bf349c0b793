using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.Tools.Demo;

/// <summary>
/// Reads the predictions topic from the start of every partition (no consumer group, so no join delay) into a
/// <see cref="SeriesTable"/>; <paramref name="onScore"/> sees every prediction's series, timestamp and score.
/// </summary>
public sealed class PredictionReader(string bootstrapServers, string topic, Action<string, DateTimeOffset, double>? onScore = null)
{
    /// <summary>The table as read so far.</summary>
    public SeriesTable Table { get; } = new();

    /// <summary>Reads until the token fires; runs on its own thread (the consume call blocks).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.Factory.StartNew(() =>
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "demo-table", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50))?.Message?.Value is { } value)
            {
                Observe(value);
            }
        }

        consumer.Close();
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    private void Observe(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var series = root.GetProperty("series").GetString() ?? "";
            var predicted = root.GetProperty("predicted");
            var score = root.GetProperty("score").GetDouble();
            onScore?.Invoke(series, root.GetProperty("timestamp").GetDateTimeOffset(), score);
            Table.Observe(
                series,
                root.GetProperty("value").GetDouble(),
                predicted.ValueKind == JsonValueKind.Number ? predicted.GetDouble() : null,
                score,
                root.GetProperty("is_anomaly").GetBoolean());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not a prediction of this worker's contract: not shown.
        }
    }
}
