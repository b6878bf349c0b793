using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;

namespace Streaming.Worker.State;

/// <summary>
/// The shared model as last saved to the model topic by any worker of the group: a restarted or added worker starts
/// from what the group has learnt instead of from random weights. A checkpoint of another architecture (the
/// configuration changed) is not an error here: the worker logs it and starts fresh.
/// </summary>
public static partial class ModelTopicRestore
{
    /// <summary>The newest model of <paramref name="topics"/>'s model topic, or null when there is none or it does not fit.</summary>
    public static GruForecaster? Load(CompactedTopics topics, CompactedTopicReader reader, ModelOptions options, TimeSpan timeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(reader);
        _ = topics.StatePartitions;
        byte[]? newest = null;
        try
        {
            reader.ReadToEnd([new TopicPartition(topics.ModelTopic, new Partition(0))], record =>
            {
                if (record.Message.Key is { } key && Encoding.UTF8.GetString(key) == PartitionStateKeeper.ModelKey)
                {
                    newest = record.Message.Value;
                }
            }, timeout);
        }
        catch (TimeoutException ex)
        {
            LogNotRestored(logger, topics.ModelTopic, ex.Message);
            return null;
        }

        if (newest is null)
        {
            return null;
        }

        try
        {
            var forecaster = ForecasterCheckpoint.Restore(CheckpointFile.Parse(newest, $"model topic {topics.ModelTopic}"), options);
            LogRestored(logger, topics.ModelTopic, newest.Length);
            return forecaster;
        }
        catch (CheckpointException ex)
        {
            LogNotRestored(logger, topics.ModelTopic, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model restored from {Topic} ({Bytes} bytes)")]
    private static partial void LogRestored(ILogger logger, string topic, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model not restored from {Topic}, starting fresh: {Reason}")]
    private static partial void LogNotRestored(ILogger logger, string topic, string reason);
}
