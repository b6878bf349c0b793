namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A disposable, uniquely named set of the worker's four topics for one test.</summary>
public sealed record TestTopics(string Input, string Predictions, string Anomalies, string DeadLetters)
{
    /// <summary>Partitions per topic (the mock keeps only ~5 MiB per partition, so never fewer than 16).</summary>
    public const int Partitions = 16;

    /// <summary>Creates the four topics on <paramref name="kafka"/>.</summary>
    public static async Task<TestTopics> CreateAsync(IKafkaUnderTest kafka, string test)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        var id = $"{test}-{Guid.NewGuid():N}"[..Math.Min(test.Length + 13, test.Length + 33)];
        var topics = new TestTopics($"{id}-in", $"{id}-pred", $"{id}-anom", $"{id}-dlq");
        foreach (var t in new[] { topics.Input, topics.Predictions, topics.Anomalies, topics.DeadLetters })
        {
            await kafka.CreateTopicAsync(t, Partitions);
        }

        return topics;
    }
}
