using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Output;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The hosted worker: starts the consume thread and the model thread, and on stop drains, delivers and
/// commits within <c>Pipeline:ShutdownTimeoutSeconds</c>: stop reading, let the model thread finish what it
/// holds, flush the producer, store the delivered offsets and close the consumer (which commits them).
/// </summary>
public sealed partial class DetectorService(
    PointConsumer consumer,
    ModelLoop modelLoop,
    OutputPublisher publisher,
    IOptions<PipelineOptions> pipeline,
    ILogger<DetectorService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        consumer.Start();
        var loop = modelLoop.RunOnOwnThread();
        LogStarted(logger);
        try
        {
            await loop.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop: fall through to the drain below.
        }

        var timeout = TimeSpan.FromSeconds(pipeline.Value.ShutdownTimeoutSeconds);
        var deadline = DateTime.UtcNow + timeout;
        consumer.StopConsuming();
        try
        {
            await loop.WaitAsync(Remaining(deadline), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(logger);
        }

        var undelivered = publisher.Flush(Remaining(deadline));
        await consumer.CloseAsync(Remaining(deadline)).ConfigureAwait(false);
        LogStopped(logger, undelivered);
        if (loop.IsFaulted)
        {
            // A failed model loop must fail the host, so that the process exits non-zero and gets restarted.
            await loop.ConfigureAwait(false);
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
