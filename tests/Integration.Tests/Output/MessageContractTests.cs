using System.Text;
using System.Text.Json;
using Json.Schema;
using Streaming.Integration.Tests.Infrastructure;

namespace Streaming.Integration.Tests.Output;

/// <summary>
/// The message contract end to end: every message the running worker writes to its predictions, anomalies and
/// dead-letter topics is valid against docs/schemas, and the run covers every prediction state, a flag and dead letters.
/// </summary>
public sealed class MessageContractTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task Every_message_the_worker_writes_is_valid_against_its_schema()
    {
        var topics = await TestTopics.CreateAsync(kafka, "contract");
        await using var worker = await InProcessWorker.StartAsync(kafka, topics, "contract-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string?>
        {
            ["Scoring:WarmupPoints"] = "20",
        });
        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        foreach (var series in new[] { "contract-a", "contract-b,x" })
        {
            for (var i = 0; i < 90; i++)
            {
                await feed.PointAsync(series, i, i == 70 && series == "contract-a" ? 1000 : 10 + (3 * Math.Sin(i / 4.0)));
                if (i == 50)
                {
                    await feed.PointAsync(series, 50, 11);
                    await feed.PointAsync(series, 40, 12);
                }
            }
        }

        await feed.SendAsync("contract-a", "not json", valid: false);
        await feed.SendAsync("contract-a", """{"series":"contract-a","timestamp":"2026-01-01T00:00:00Z"}""", valid: false);
        await feed.SendAsync("contract-a", """{"series":"another","value":1}""", valid: false);

        var valid = feed.Sent.Count(s => s.Valid);
        var predictions = TopicReader.Read(kafka.BootstrapServers, topics.Predictions, valid, TimeSpan.FromSeconds(120));
        var anomalies = TopicReader.Read(kafka.BootstrapServers, topics.Anomalies, 1, TimeSpan.FromSeconds(30));
        var letters = TopicReader.Read(kafka.BootstrapServers, topics.DeadLetters, 3, TimeSpan.FromSeconds(30));

        Assert.Equal(valid, predictions.Count);
        Assert.Equal(["duplicate", "filling", "late", "live", "warming-up"], predictions.Select(p => p.Json.GetProperty("state").GetString()).Distinct().Order());
        Assert.All(predictions, p => AssertValid("prediction", p.Value!));
        Assert.NotEmpty(anomalies);
        Assert.All(anomalies, a => AssertValid("anomaly", a.Value!));
        Assert.Equal(3, letters.Count);
        Assert.All(letters, l => AssertValid("dead-letter-headers", JsonSerializer.SerializeToUtf8Bytes(l.Headers)));
        Assert.All(feed.Sent.Where(s => s.Valid), s => AssertValid("point", Encoding.UTF8.GetBytes(s.Value)));
    }

    private static void AssertValid(string schema, byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        var result = Schemas[schema].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{schema}: {Encoding.UTF8.GetString(message)}\n" + string.Join("\n",
            (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    private static readonly Dictionary<string, JsonSchema> Schemas = new[] { "point", "prediction", "anomaly", "dead-letter-headers" }
        .ToDictionary(n => n, n => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "schemas", $"{n}.schema.json"))));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}
