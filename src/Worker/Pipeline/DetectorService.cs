using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Health;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.State;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The hosted worker: starts the consume, model and publish threads, and on stop drains, delivers and
/// commits within <c>Pipeline:ShutdownTimeoutSeconds</c>: stop reading, let the model and publish threads finish
/// what they hold, flush the producer, store the delivered offsets and close the consumer (which commits them).
/// </summary>
public sealed partial class DetectorService(
    PointConsumer consumer,
    ModelLoop modelLoop,
    PublishLoop publishLoop,
    StateLifecycle lifecycle,
    OutputPublisher publisher,
    IOptions<PipelineOptions> pipeline,
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
        LogStarted(logger);
        try
        {
            // Either loop ending before a stop means it failed: go straight to the bounded drain below.
            await Task.WhenAny(model, publish).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop: fall through to the drain below.
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
            // Rethrown below, once what was delivered is committed.
        }

        var undelivered = publisher.Flush(Remaining(deadline));
        await consumer.CloseAsync(Remaining(deadline)).ConfigureAwait(false);
        LogStopped(logger, undelivered);
        if (model.IsFaulted || publish.IsFaulted)
        {
            // A failed loop must fail the host, so that the process exits non-zero and gets restarted.
            await loops.ConfigureAwait(false);
        }
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Detector started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model thread did not drain in time; undelivered points are read again after restart")]
    private static partial void LogDrainTimedOut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Detector stopped; {Undelivered} outputs left undelivered")]
    private static partial void LogStopped(ILogger logger, int undelivered);
}
