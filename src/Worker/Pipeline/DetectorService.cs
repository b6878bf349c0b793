using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Cli;
using Streaming.Worker.Health;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.State;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The hosted worker: starts the consume, model and publish threads, and on stop drains, delivers and
/// commits within <c>Pipeline:ShutdownTimeoutSeconds</c>: stop reading, let the model and publish threads finish
/// what they hold, flush the producer, store the delivered offsets and close the consumer (which commits them).
/// A failed thread or a cluster out of reach for <c>Kafka:BrokerTimeoutSeconds</c> is recorded in the
/// <see cref="WorkerOutcome"/> (the process's exit code) and stops the application after the same drain.
/// </summary>
public sealed partial class DetectorService(
    PointConsumer consumer,
    ModelLoop modelLoop,
    PublishLoop publishLoop,
    PartitionHandover lifecycle,
    OutputPublisher publisher,
    IOptions<PipelineOptions> pipeline,
    IOptions<KafkaOptions> kafka,
    BrokerWatch brokers,
    WorkerOutcome outcome,
    IHostApplicationLifetime lifetime,
    WorkerReadiness readiness,
    ILogger<DetectorService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The model loop was built with the engine, so the forecaster exists: weights are initialised from the seed.
        readiness.MarkModelLoaded("initialised");
        readiness.MarkStateRestored("per-series state is restored from the state topic as partitions are assigned");
        consumer.UseLifecycle(lifecycle);
        consumer.Start();
        var model = modelLoop.RunOnOwnThread();
        var publish = publishLoop.RunOnOwnThread();
        var loops = Task.WhenAll(model, publish);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var brokerTimeout = TimeSpan.FromSeconds(kafka.Value.BrokerTimeoutSeconds);
        var brokerLost = brokers.WaitUntilLostAsync(brokerTimeout, watching.Token);
        LogStarted(logger);
        var endedEarly = false;
        try
        {
            // Either loop ending before a stop means it failed: go straight to the bounded drain below.
            await Task.WhenAny(model, publish, brokerLost).WaitAsync(stoppingToken).ConfigureAwait(false);
            endedEarly = model.IsCompleted || publish.IsCompleted;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop: fall through to the drain below.
        }

        await watching.CancelAsync().ConfigureAwait(false);
        if (brokerLost.IsCompletedSuccessfully && outcome.Fail(ExitCode.BrokerUnreachable,
            $"no Kafka broker reachable for {brokerTimeout.TotalSeconds:0} s (Kafka:BrokerTimeoutSeconds)"))
        {
            LogBrokerLost(logger, (int)brokerTimeout.TotalSeconds);
        }

        readiness.Reset();
        var timeout = TimeSpan.FromSeconds(pipeline.Value.ShutdownTimeoutSeconds);
        var deadline = DateTime.UtcNow + timeout;
        consumer.StopConsuming();
        try
        {
            await loops.WaitAsync(Remaining(deadline), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(logger);
        }
        catch (Exception) when (model.IsFaulted || publish.IsFaulted)
        {
            // Recorded below, once what was delivered is committed.
        }

        var undelivered = publisher.Flush(Remaining(deadline));
        await consumer.CloseAsync(Remaining(deadline)).ConfigureAwait(false);
        LogStopped(logger, undelivered);
        if (FailedThread(model, publish, endedEarly) is { } failed
            && outcome.Fail(ExitCode.PipelineFailed, $"the {failed} thread failed"))
        {
            LogThreadFailed(logger, failed);
        }

        // Not a rethrow: the host would stop all the same, but RunAsync would still return normally (dotnet/runtime#67146).
        lifetime.StopApplication();
    }

    // Which thread failed: a consume failure completes the records channel with its error, which ends the model loop
    // without an error of its own; a loop that ended before any stop was asked for can only have lost its input.
    private string? FailedThread(Task model, Task publish, bool endedEarly) =>
        consumer.Records.Completion.IsFaulted ? "consume"
        : model.IsFaulted ? "model"
        : publish.IsFaulted ? "publish"
        : endedEarly ? "consume"
        : null;

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Detector started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model thread did not drain in time; undelivered points are read again after restart")]
    private static partial void LogDrainTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "No Kafka broker reachable for {Seconds} s (Kafka:BrokerTimeoutSeconds); the worker stops with exit code 7")]
    private static partial void LogBrokerLost(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Thread} thread failed; the worker stopped with exit code 6")]
    private static partial void LogThreadFailed(ILogger logger, string thread);

    [LoggerMessage(Level = LogLevel.Information, Message = "Detector stopped; {Undelivered} outputs left undelivered")]
    private static partial void LogStopped(ILogger logger, int undelivered);
}
