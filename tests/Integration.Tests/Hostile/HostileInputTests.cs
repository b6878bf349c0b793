using System.Globalization;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.Hostile;

/// <summary>Ten thousand hostile payloads mixed with valid points, through the worker on the embedded broker.</summary>
public sealed class HostileInputTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Every_hostile_payload_is_dead_lettered_with_its_reason_and_every_valid_point_is_predicted()
    {
        var topics = await TestTopics.CreateAsync(kafka, "hostile");
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, "hostile-" + Guid.NewGuid().ToString("N"),
            new Dictionary<string, string?> { ["Ingest:MaxPayloadBytes"] = HostilePayloads.MaxPayloadBytes.ToString(CultureInfo.InvariantCulture) });

        const int bad = 10_000;
        var hostile = HostilePayloads.Generate(bad, seed: 2026).ToList();
        var sends = new List<Task>(bad * 3 / 2);
        var hostileSends = new List<(string Kind, Task<SentMessage> Sent)>(bad);
        var index = 0;
        foreach (var payload in hostile)
        {
            var send = feed.SendBytesAsync(payload.Key, payload.Value, valid: false);
            hostileSends.Add((payload.Kind, send));
            sends.Add(send);
            if (index++ % 2 == 0)
            {
                // Ten valid series in their own order, between the hostile messages.
                var n = index / 2;
                sends.Add(feed.PointAsync($"ok-{n % 10}", n / 10, Math.Sin(n / 30.0)));
            }
        }

        await Task.WhenAll(sends);
        var sent = feed.Sent;
        var valid = sent.Count(m => m.Valid);

        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, valid, TimeSpan.FromMinutes(4));
        var predicted = predictions.Select(p => Source(p.Headers)).ToHashSet();
        Assert.Equal(valid, predictions.Count);
        Assert.All(sent.Where(m => m.Valid), m => Assert.Contains((m.Partition, m.Offset), predicted));

        var letters = TopicReader.Read(kafka.BootstrapServers, topics.DeadLetters, bad, TimeSpan.FromMinutes(4));
        var lettered = letters.Select(l => Source(l.Headers)).ToHashSet();
        var missing = hostileSends.Where(x => !lettered.Contains((x.Sent.Result.Partition, x.Sent.Result.Offset)))
            .GroupBy(x => x.Kind).Select(g => $"{g.Key}: {g.Count()}").ToList();
        Assert.True(missing.Count == 0, $"{letters.Count} dead letters for {bad} hostile payloads; missing by kind: {string.Join(", ", missing)}");
        Assert.Equal(bad, letters.Count);
        Assert.All(letters, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Headers[OutputHeaders.Error]));
            Assert.False(string.IsNullOrWhiteSpace(l.Headers[OutputHeaders.Reason]));
            Assert.NotEqual("unknown", l.Headers[OutputHeaders.Error]);
        });
    }

    private static (int Partition, long Offset) Source(IReadOnlyDictionary<string, string> headers) => (
        int.Parse(headers[OutputHeaders.SourcePartition], CultureInfo.InvariantCulture),
        long.Parse(headers[OutputHeaders.SourceOffset], CultureInfo.InvariantCulture));
}
