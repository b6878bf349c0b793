using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Output;

/// <summary>
/// Writes predictions, anomalies and dead letters. A failed delivery is retried with back-off until it
/// succeeds or the publisher is disposed: a valid point's output is never dropped, and the input offset is
/// only released (through <see cref="DeliveryCompletion"/>) once everything it produced is on the broker.
/// </summary>
public sealed partial class OutputPublisher : IDisposable
{
    /// <summary>Dead letters carry at most this many bytes of the original value (the producer's own limit is ~1 MB).</summary>
    public const int DeadLetterMaxValueBytes = 512 * 1024;

    // Longest a Flush holds the producer at a time, so Dispose need not wait for a whole flush.
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(100);

    // The host disposes the publisher when it stops, also after the publish thread did not drain in time and may be
    // inside a Flush or a transaction call: librdkafka then serves queues of a freed handle (the process crashed in
    // rd_kafka_flush, or the heap was corrupted and malloc aborted later). Every call into the producer holds this lock
    // (uncontended but for retries); Dispose waits for the call in progress, and no call starts after it.
    private readonly Lock _use = new();
    private bool _closed;

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly bool _transactional;
    private readonly DetectionJsonWriter _json = new();
    private readonly SourceHeaders _sourceHeaders = new();

    // Targets built once: TopicPartition is immutable, and every output needs one.
    private readonly TopicPartition _predictions;
    private readonly TopicPartition _anomalies;
    private readonly TopicPartition _deadLetters;

    /// <summary>Creates the producer from the worker's settings (logged, secrets hidden) and its <c>Output:</c> topics.</summary>
    public OutputPublisher(KafkaClientConfigFactory configs, IOptions<OutputOptions> topics, DetectorMetrics metrics, ILogger<OutputPublisher> logger)
        : this(KafkaSettingsLog.Logged(logger, "producer", configs.Producer()), topics.Value, metrics, logger)
    {
    }

    /// <summary>Creates the producer; with a <c>transactional.id</c> in <paramref name="config"/> it writes in transactions only.</summary>
    public OutputPublisher(ProducerConfig config, OutputOptions topics, DetectorMetrics metrics, ILogger<OutputPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(topics);
        _transactional = !string.IsNullOrEmpty(config.TransactionalId);
        _predictions = new TopicPartition(topics.PredictionsTopic, Partition.Any);
        _anomalies = new TopicPartition(topics.AnomaliesTopic, Partition.Any);
        _deadLetters = new TopicPartition(topics.DeadLetterTopic, Partition.Any);
        _metrics = metrics;
        _logger = logger;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, e) => LogProducerError(_logger, e.Code, e.Reason))
            .SetLogHandler((_, m) => KafkaClientLog.Write(_logger, m))
            .Build();
    }

    /// <summary>
    /// Publishes the prediction of one point, and the anomaly too when it is flagged. Call from one thread at a time (the
    /// publish thread): the JSON writer and header values are reused.
    /// </summary>
    public void PublishDetection(in DetectionResult detection, InboundRecord source, Action onAllDelivered)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = KeyOf(detection.Point.SeriesId, source.Key);
        var headers = _sourceHeaders.For(source.Source);
        var completion = new DeliveryCompletion(detection.IsAnomaly ? 2 : 1, onAllDelivered);
        var prediction = new Message<byte[]?, byte[]?> { Key = key, Value = _json.Serialize(detection, false), Headers = headers };
        Send(_predictions, prediction, () =>
        {
            _metrics.PredictionDelivered();
            completion.OneDelivered();
        });
        if (detection.Phase is SeriesPhase.Duplicate or SeriesPhase.Late)
        {
            _metrics.OutOfOrder(DetectionJson.PhaseName(detection.Phase));
        }

        if (detection.IsAnomaly)
        {
            _metrics.Anomaly(DetectionJson.SeverityName(detection.Score.Severity));
            var anomaly = new Message<byte[]?, byte[]?> { Key = key, Value = _json.Serialize(detection, true), Headers = headers };
            Send(_anomalies, anomaly, completion.OneDelivered);
        }
    }

    /// <summary>Dead-letters an input message as it came, with the reason and its origin in headers.</summary>
    public void PublishDeadLetter(InboundRecord source, Action onDelivered)
    {
        ArgumentNullException.ThrowIfNull(source);
        _metrics.DeadLetter(DecodeErrorCodes.ToCode(source.Decoded.Error));
        Send(_deadLetters, DeadLetter(source, _sourceHeaders), onDelivered);
    }

    /// <summary>
    /// The dead letter of an input message: its key, value (cut to <see cref="DeadLetterMaxValueBytes"/>) and headers,
    /// plus the error code, the reason and the origin (docs/schemas/dead-letter-headers.schema.json).
    /// </summary>
    internal static Message<byte[]?, byte[]?> DeadLetter(InboundRecord source, SourceHeaders sourceHeaders)
    {
        var code = DecodeErrorCodes.ToCode(source.Decoded.Error);
        var headers = new Headers();
        foreach (var header in source.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(OutputHeaders.Error, Encoding.UTF8.GetBytes(code));
        headers.Add(OutputHeaders.Reason, Encoding.UTF8.GetBytes(source.Decoded.Detail ?? code));
        sourceHeaders.AddTo(headers, source.Source);
        var value = source.Value;
        if (value is { Length: > DeadLetterMaxValueBytes })
        {
            headers.Add(OutputHeaders.TruncatedFrom, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
            value = value[..DeadLetterMaxValueBytes];
        }

        var key = source.Key is { Length: > DeadLetterMaxValueBytes } k ? k[..DeadLetterMaxValueBytes] : source.Key;
        return new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = headers };
    }

    /// <summary>Writes one record of the state or model topic to its partition.</summary>
    public void PublishState(CompactedRecord record, Action onDelivered)
    {
        var key = Encoding.UTF8.GetBytes(record.Key);
        Send(new TopicPartition(record.Topic, new Partition(record.Partition)), new Message<byte[]?, byte[]?> { Key = key, Value = record.Value }, onDelivered);
    }

    /// <summary>Exactly-once: registers the transactional id, fencing an unfinished transaction of this id's previous life.</summary>
    public void InitTransactions(TimeSpan timeout)
    {
        using var use = Use();
        _producer.InitTransactions(timeout);
    }

    /// <summary>Exactly-once: opens a transaction.</summary>
    public void BeginTransaction()
    {
        using var use = Use();
        _producer.BeginTransaction();
    }

    /// <summary>Exactly-once: commits the open transaction (all its writes become visible at once).</summary>
    /// <remarks>
    /// No <c>SendOffsetsToTransaction</c>: in librdkafka 2.16 it ignores its timeout and can block for good once the group
    /// coordinator was unreachable (librdkafka issue 5456; a 5 s broker outage on the embedded cluster hung the worker,
    /// shutdown included). Restarts rely on the positions in the state topic, and the group's offsets still move for lag
    /// monitoring: each input's offset is stored, for the consumer's own commit, once its transaction has committed.
    /// </remarks>
    public void CommitTransaction(TimeSpan timeout)
    {
        using var use = Use();
        _producer.CommitTransaction(timeout);
    }

    /// <summary>
    /// Waits until every queued message is delivered or <paramref name="timeout"/> passes; returns how many are left (at
    /// least 1 once the publisher is disposed: what was queued is no longer known).
    /// </summary>
    public int Flush(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var left = 0;
        do
        {
            lock (_use)
            {
                if (_closed)
                {
                    return Math.Max(left, 1);
                }

                var slice = timeout - waited.Elapsed;
                left = _producer.Flush(slice < TimeSpan.Zero ? TimeSpan.Zero : slice < FlushSlice ? slice : FlushSlice);
            }
        }
        while (left > 0 && waited.Elapsed < timeout);

        return left;
    }

    // Holds off Dispose for one call into the producer; throws once disposed.
    private Lock.Scope Use()
    {
        var scope = _use.EnterScope();
        if (_closed)
        {
            scope.Dispose();
            throw new ObjectDisposedException(nameof(OutputPublisher));
        }

        return scope;
    }

    private void Send(TopicPartition target, Message<byte[]?, byte[]?> message, Action onDelivered, int attempt = 0)
    {
        using var use = _use.EnterScope();
        if (_closed)
        {
            // Never handed to the producer, so never delivered: its input offset is not stored and it is read again.
            return;
        }

        try
        {
            _producer.Produce(target, message, report =>
            {
                if (report.Error.IsError)
                {
                    Retry(target, message, onDelivered, attempt, report.Error);
                }
                else
                {
                    onDelivered();
                }
            });
        }
        catch (ProduceException<byte[]?, byte[]?> ex)
        {
            // Raised synchronously, e.g. a full local queue or a missing authorisation: same treatment.
            Retry(target, message, onDelivered, attempt, ex.Error);
        }
    }

    private void Retry(TopicPartition target, Message<byte[]?, byte[]?> message, Action onDelivered, int attempt, Error error)
    {
        var topic = target.Topic;
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        if (_transactional)
        {
            // Inside a transaction a failed write fails the commit; the whole transaction is redone after a restart.
            LogTransactionalDeliveryFailed(_logger, topic, error.Code, error.Reason);
            return;
        }

        _metrics.DeliveryRetried();
        LogDeliveryRetry(_logger, topic, error.Code, error.Reason, attempt + 1);
        var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(attempt, 6))));
        // Never produce from the delivery-report thread: it is the thread that drains the producer's queue.
        _ = Task.Delay(delay, _disposed.Token).ContinueWith(
            _ => Send(target, message, onDelivered, attempt + 1),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    // The input's key when it holds the series id's UTF-8 bytes (the decoder takes a keyed point's id from its key, so it
    // does unless the id came from the JSON alone): one array less per point, and the same bytes.
    private static byte[] KeyOf(string seriesId, byte[]? inputKey)
    {
        if (inputKey is { Length: > 0 and <= 1024 })
        {
            Span<byte> encoded = stackalloc byte[inputKey.Length];
            if (Encoding.UTF8.TryGetBytes(seriesId, encoded, out var written) && encoded[..written].SequenceEqual(inputKey))
            {
                return inputKey;
            }
        }

        return Encoding.UTF8.GetBytes(seriesId);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_use)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _disposed.Cancel();
        _producer.Dispose();
        _disposed.Dispose();
        _json.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to {Topic} failed ({Code}: {Reason}); retry {Attempt}")]
    private static partial void LogDeliveryRetry(ILogger logger, string topic, ErrorCode code, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transactional write to {Topic} failed ({Code}: {Reason}); the transaction will not commit")]
    private static partial void LogTransactionalDeliveryFailed(ILogger logger, string topic, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Producer error {Code}: {Reason}")]
    private static partial void LogProducerError(ILogger logger, ErrorCode code, string reason);
}
