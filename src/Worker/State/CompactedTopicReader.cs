using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Kafka;

namespace Streaming.Worker.State;

/// <summary>
/// Reads partitions of a compacted topic from the beginning to their current end, committed records only
/// (<c>read_committed</c>: a crashed worker's unfinished transaction is never restored). A private consumer without a
/// group: it only assigns, never joins or commits.
/// </summary>
public sealed partial class CompactedTopicReader(ConsumerConfig clientConfig, ILogger<CompactedTopicReader> logger)
{
    /// <summary>A reader with the worker's consumer settings.</summary>
    public CompactedTopicReader(KafkaClientConfigFactory configs, ILogger<CompactedTopicReader> logger)
        : this(configs.Consumer(), logger)
    {
    }

    /// <summary>
    /// Hands every record of <paramref name="partitions"/> to <paramref name="onRecord"/> in offset order per partition.
    /// Throws <see cref="TimeoutException"/> when the end is not reached within <paramref name="timeout"/>.
    /// </summary>
    public void ReadToEnd(IReadOnlyCollection<TopicPartition> partitions, Action<ConsumeResult<byte[]?, byte[]?>> onRecord, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(onRecord);
        if (partitions.Count == 0)
        {
            return;
        }

        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            GroupId = (clientConfig.GroupId ?? "detector") + "-state-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            StatisticsIntervalMs = 0,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, m) => KafkaClientLog.Write(logger, m))
            .SetErrorHandler((_, e) => LogClientError(logger, e.Code, e.Reason))
            .Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var open = new HashSet<TopicPartition>(partitions);
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Reading {string.Join(", ", open)} did not reach the end within {timeout.TotalSeconds:0} s.");
            }

            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                // A topic that does not exist yet has nothing to restore.
                if (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
                {
                    return;
                }

                LogReadError(logger, ex.Error.Code, ex.Error.Reason);
                continue;
            }

            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                open.Remove(result.TopicPartition);
                continue;
            }

            onRecord(result);
        }

        consumer.Close();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "State reader client error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading state failed once ({Code}: {Reason}); retrying")]
    private static partial void LogReadError(ILogger logger, ErrorCode code, string reason);
}
