using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Options;

namespace Streaming.Worker.State;

/// <summary>
/// At start, before the detector consumes, loads into the worker's model the one last saved to the model topic by any
/// worker of the group: a restarted or added worker goes on from what the group has learnt instead of from random
/// weights. An explicit <c>Model:Checkpoint</c> wins; with state off or no broker there is nothing to read. A
/// checkpoint of another architecture (the configuration changed) is not an error here: the worker logs it and starts
/// fresh. Reading Kafka is start-up work, so it happens here rather than while the model is built.
/// </summary>
public sealed partial class ModelTopicRestore(
    GruForecaster forecaster,
    StartCheckpoint start,
    StateSettings state,
    CompactedTopicReader reader,
    IOptions<KafkaOptions> kafka,
    ILogger<ModelTopicRestore> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (start.Checkpoint is null && state.Topics is { } topics && kafka.Value.HasBroker)
        {
            Restore(topics);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Restore(CompactedTopics topics)
    {
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
            }, state.Timeout);
        }
        catch (TimeoutException ex)
        {
            LogNotRestored(logger, topics.ModelTopic, ex.Message);
            return;
        }

        if (newest is null)
        {
            return;
        }

        CheckpointFile file;
        try
        {
            file = CheckpointFile.Parse(newest, $"model topic {topics.ModelTopic}");
            if (file.Architecture.DifferencesFrom(forecaster.Architecture) is { Count: > 0 } differences)
            {
                LogNotRestored(logger, topics.ModelTopic, $"another architecture ({string.Join("; ", differences)})");
                return;
            }
        }
        catch (CheckpointException ex)
        {
            LogNotRestored(logger, topics.ModelTopic, ex.Message);
            return;
        }

        // Same architecture: a failure past this point leaves the model half-loaded, so it stops start-up.
        ForecasterCheckpoint.RestoreInto(file, forecaster);
        LogRestored(logger, topics.ModelTopic, newest.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model restored from {Topic} ({Bytes} bytes)")]
    private static partial void LogRestored(ILogger logger, string topic, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model not restored from {Topic}, starting fresh: {Reason}")]
    private static partial void LogNotRestored(ILogger logger, string topic, string reason);
}
