using System.Text.Json;
using Confluent.Kafka;

namespace Streaming.Worker.Demo;

/// <summary>
/// Reads the predictions topic from the start of every partition (no consumer group) into a <see cref="SeriesTable"/>
/// and, on a terminal, redraws the table in place twice a second with <paramref name="footer"/> lines under it
/// (ANSI cursor movement). Elsewhere (redirected output, tests) it draws nothing while running; call
/// <see cref="Draw"/> for a final picture. <paramref name="onScore"/> sees every prediction's series, timestamp and score.
/// </summary>
public sealed class LiveSeriesView(string bootstrapServers, string topic, TextWriter output, bool inPlace, Func<IReadOnlyList<string>> footer,
    Action<string, DateTimeOffset, double>? onScore = null)
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(500);
    private int _drawnLines;

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

        var nextDraw = DateTime.UtcNow + RedrawEvery;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50))?.Message?.Value is { } value)
            {
                Observe(value);
            }

            if (inPlace && DateTime.UtcNow >= nextDraw)
            {
                Draw();
                nextDraw = DateTime.UtcNow + RedrawEvery;
            }
        }

        consumer.Close();
    }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Draws the table and footer; on a terminal over the previous drawing.</summary>
    public void Draw()
    {
        var lines = Table.Render().Concat(footer()).ToList();
        if (inPlace && _drawnLines > 0)
        {
            // Back to the first line of the previous drawing; each line is cleared before it is written.
            output.Write($"\u001b[{_drawnLines}F");
        }

        foreach (var line in lines)
        {
            output.WriteLine(inPlace ? "\u001b[2K" + line : line);
        }

        if (inPlace && _drawnLines > lines.Count)
        {
            output.Write("\u001b[0J");
        }

        _drawnLines = lines.Count;
        output.Flush();
    }

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
