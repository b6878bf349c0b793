using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// The consumer's partitions while the pipeline behind it is stalled: all paused, and the consumer still polled, so
/// that the group never takes the member for dead (max.poll.interval.ms) however long the model thread needs.
/// Disposing resumes the partitions that are still assigned. Used on the consume thread only.
/// </summary>
internal sealed partial class StalledPartitions : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ILogger _logger;
    private readonly List<TopicPartition> _paused;

    private StalledPartitions(IConsumer<byte[]?, byte[]?> consumer, ILogger logger)
    {
        _consumer = consumer;
        _logger = logger;
        _paused = [.. consumer.Assignment];
        consumer.Pause(_paused);
        LogPaused(logger, _paused.Count);
    }

    /// <summary>Pauses every assigned partition of <paramref name="consumer"/>.</summary>
    public static StalledPartitions Pause(IConsumer<byte[]?, byte[]?> consumer, ILogger logger) => new(consumer, logger);

    /// <summary>Polls once (briefly), which keeps the membership alive and serves rebalance callbacks.</summary>
    public void Poll()
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = _consumer.Consume(TimeSpan.FromMilliseconds(5));
        }
        catch (ConsumeException ex)
        {
            LogConsumeError(_logger, ex.Error.Code, ex.Error.Reason);
            return;
        }

        if (result is { IsPartitionEOF: false })
        {
            // A partition assigned during the pause delivered a message: put it back to be read after the resume.
            _consumer.Seek(result.TopicPartitionOffset);
            _consumer.Pause([result.TopicPartition]);
            _paused.Add(result.TopicPartition);
        }
    }

    /// <summary>Resumes the paused partitions that are still assigned.</summary>
    public void Dispose()
    {
        var assigned = _consumer.Assignment.ToHashSet();
        _consumer.Resume(_paused.Where(assigned.Contains).Distinct());
        LogResumed(_logger, _paused.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The pipeline is stalled; {Count} partitions paused while the consumer keeps polling")]
    private static partial void LogPaused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The pipeline takes records again; {Count} partitions resumed")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consume error while paused {Code}: {Reason}")]
    private static partial void LogConsumeError(ILogger logger, ErrorCode code, string reason);
}
