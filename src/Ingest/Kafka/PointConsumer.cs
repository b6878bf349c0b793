using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Offsets;

namespace Streaming.Ingest.Kafka;

/// <summary>
/// The blocking Kafka consume loop on its own thread. It decodes each message, registers its offset with the
/// <see cref="OffsetTracker"/> and hands it on through a bounded channel (back-pressure: when the model thread
/// falls behind, the loop waits instead of buffering without bound). Offsets are stored only when the pipeline
/// reports a message's outputs delivered (<see cref="StoreOffset"/>), and stored from this thread, which owns the consumer.
/// </summary>
public sealed partial class PointConsumer : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    // Short waits on a full channel are the normal rhythm of back-pressure; pausing for them would make librdkafka
    // drop and re-fetch what it has buffered. Far below the default max.poll.interval.ms of five minutes.
    private static readonly TimeSpan PauseAfter = TimeSpan.FromSeconds(1);

    private readonly ConsumerConfig _config;
    private readonly string _topic;
    private readonly PointDecoder _decoder;
    private readonly OffsetTracker _tracker;
    private readonly ILogger _logger;
    private readonly Channel<InboundRecord> _channel;
    private readonly PendingOffsetStores _stores;
    private readonly CancellationTokenSource _stopConsuming = new();
    private readonly ManualResetEventSlim _outputsSettled = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string>? _statistics;
    private IPartitionLifecycle? _lifecycle;
    private long _handedOut;
    private DateTime _closeDeadlineUtc = DateTime.MaxValue;
    private Thread? _thread;
    private long _lastPollTimestamp;
    private int _assignedPartitions;
    private int _assignments;

    /// <summary>
    /// Creates the consumer; nothing connects until <see cref="Start"/>. <paramref name="statistics"/> receives
    /// librdkafka's statistics JSON every <c>statistics.interval.ms</c> (on a client thread).
    /// </summary>
    public PointConsumer(ConsumerConfig config, string topic, PointDecoder decoder, OffsetTracker tracker, int channelCapacity,
        ILogger<PointConsumer> logger, Action<string>? statistics = null)
    {
        _statistics = statistics;
        _config = config;
        _topic = topic;
        _decoder = decoder;
        _tracker = tracker;
        _logger = logger;
        _stores = new PendingOffsetStores(logger);
        _channel = Channel.CreateBounded<InboundRecord>(new BoundedChannelOptions(channelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Decoded records in consume order; completes when consuming stops.</summary>
    public ChannelReader<InboundRecord> Records => _channel.Reader;

    /// <summary>True while the consume thread runs (started and not yet closed or failed).</summary>
    public bool IsRunning => _thread is { IsAlive: true } && !_closed.Task.IsCompleted;

    /// <summary>Time since the consume loop last polled the broker (or waited on back-pressure); null before the first poll.</summary>
    public TimeSpan? SinceLastPoll
    {
        get
        {
            var last = Interlocked.Read(ref _lastPollTimestamp);
            return last == 0 ? null : Stopwatch.GetElapsedTime(last);
        }
    }

    /// <summary>Input partitions this consumer owns now.</summary>
    public int AssignedPartitions => Volatile.Read(ref _assignedPartitions);

    /// <summary>True once the group has handed this consumer an assignment (it may own zero partitions if the group has more members than partitions).</summary>
    public bool HasJoinedGroup => Volatile.Read(ref _assignments) > 0;

    /// <summary>Records handed on to the channel so far.</summary>
    public long HandedOut => Interlocked.Read(ref _handedOut);

    /// <summary>Sets what restores and saves per-partition state on rebalances; call before <see cref="Start"/>.</summary>
    public void UseLifecycle(IPartitionLifecycle lifecycle) => _lifecycle = lifecycle;

    /// <summary>Starts the consume thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "kafka-consume" };
        _thread.Start();
    }

    /// <summary>Queues an offset to store (the next offset to read, i.e. last delivered + 1). Thread-safe.</summary>
    public void StoreOffset(string topic, int partition, long nextOffset) =>
        _stores.Release(topic, partition, nextOffset);

    /// <summary>Stops reading new messages; the channel completes so the pipeline can drain what it holds.</summary>
    public void StopConsuming() => _stopConsuming.Cancel();

    /// <summary>
    /// Tells the loop that every output of the drained records was delivered (or the time is up), stores the
    /// last offsets and closes the consumer, which commits them and leaves the group. Bounded by <paramref name="timeout"/>.
    /// </summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _closeDeadlineUtc = DateTime.UtcNow + timeout;
        _stopConsuming.Cancel();
        _outputsSettled.Set();
        if (_thread is null)
        {
            return;
        }

        await _closed.Task.WaitAsync(timeout + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }

    private void Run()
    {
        try
        {
            using var consumer = BuildConsumer();
            consumer.Subscribe(_topic);
            ConsumeUntilStopped(consumer);
            _channel.Writer.TryComplete();
            // Keep storing offsets while the pipeline finishes the records it already holds.
            while (!_outputsSettled.Wait(PollTimeout) && DateTime.UtcNow < _closeDeadlineUtc)
            {
                DrainStores(consumer);
            }

            DrainStores(consumer);
            consumer.Close();
            LogClosed(_logger, _topic);
        }
        catch (Exception ex)
        {
            LogLoopFailed(_logger, ex);
            _channel.Writer.TryComplete(ex);
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    private void ConsumeUntilStopped(IConsumer<byte[]?, byte[]?> consumer)
    {
        var token = _stopConsuming.Token;
        while (!token.IsCancellationRequested)
        {
            Heartbeat();
            DrainStores(consumer);
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(PollTimeout);
            }
            catch (ConsumeException ex)
            {
                // Broker-side errors are reported per call; the client reconnects by itself.
                LogConsumeError(_logger, ex.Error.Code, ex.Error.Reason);
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var record = Decode(result);
            _tracker.Begin(result.Topic, result.Partition.Value, result.Offset.Value);
            if (!WriteWithBackPressure(consumer, record, token))
            {
                return;
            }

            Interlocked.Increment(ref _handedOut);
        }
    }

    private InboundRecord Decode(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        DateTimeOffset? brokerTime = message.Timestamp.Type == TimestampType.NotAvailable
            ? null
            : new DateTimeOffset(message.Timestamp.UtcDateTime, TimeSpan.Zero);
        var decoded = _decoder.Decode(message.Key, message.Value, message.Value is null, brokerTime);
        return new InboundRecord(result.TopicPartitionOffset, message.Key, message.Value, message.Headers, decoded, Stopwatch.GetTimestamp());
    }

    private bool WriteWithBackPressure(IConsumer<byte[]?, byte[]?> consumer, InboundRecord record, CancellationToken token)
    {
        var waitingSince = Stopwatch.GetTimestamp();
        StalledPartitions? stalled = null;
        try
        {
            while (!_channel.Writer.TryWrite(record))
            {
                // Full: keep storing delivered offsets while waiting, so commits do not stall behind back-pressure.
                Heartbeat();
                DrainStores(consumer);
                if (token.IsCancellationRequested)
                {
                    // Not handed on, so never processed: it is read again after a restart (at-least-once).
                    return false;
                }

                if (stalled is null && Stopwatch.GetElapsedTime(waitingSince) < PauseAfter)
                {
                    token.WaitHandle.WaitOne(5);
                    continue;
                }

                stalled ??= StalledPartitions.Pause(consumer, _logger);
                stalled.Poll();
            }

            return true;
        }
        finally
        {
            stalled?.Dispose();
        }
    }

    private void DrainStores(IConsumer<byte[]?, byte[]?> consumer) => _stores.Drain(consumer);

    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, e) => LogClientError(_logger, e.Code, e.Reason, e.IsFatal))
            .SetLogHandler((_, m) => KafkaClientLog.Write(_logger, m))
            .SetStatisticsHandler((_, json) => _statistics?.Invoke(json))
            .SetPartitionsAssignedHandler((c, partitions) => Assigned(c, partitions))
            .SetPartitionsRevokedHandler((c, partitions) => Revoke(c, partitions.Select(p => p.TopicPartition), lost: false))
            .SetPartitionsLostHandler((c, partitions) => Revoke(c, partitions.Select(p => p.TopicPartition), lost: true))
            .Build();

    private void Heartbeat() => Interlocked.Exchange(ref _lastPollTimestamp, Stopwatch.GetTimestamp());

    private IEnumerable<TopicPartitionOffset> Assigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var start = _lifecycle?.Assigned(consumer, partitions, HandedOut)
            ?? [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset))];
        // Cooperative rebalancing hands over increments: add them to what is owned.
        Interlocked.Add(ref _assignedPartitions, partitions.Count);
        Interlocked.Increment(ref _assignments);
        LogAssigned(_logger, start);
        return start;
    }

    private void Revoke(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions, bool lost)
    {
        var revoked = partitions.ToList();
        // Everything of these partitions already handed on is processed, delivered and its state saved first.
        _lifecycle?.Revoked(revoked, HandedOut, lost);
        DrainStores(consumer);
        foreach (var tp in revoked)
        {
            _tracker.Forget(tp.Topic, tp.Partition.Value);
            _stores.Forget(tp);
        }

        Interlocked.Add(ref _assignedPartitions, -revoked.Count);

        LogRevoked(_logger, revoked);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopConsuming.Cancel();
        _outputsSettled.Set();
        _thread?.Join(TimeSpan.FromSeconds(10));
        _stopConsuming.Dispose();
        _outputsSettled.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consume error {Code}: {Reason}")]
    private static partial void LogConsumeError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason} (fatal: {IsFatal})")]
    private static partial void LogClientError(ILogger logger, ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions assigned (with start offsets): {Partitions}")]
    private static partial void LogAssigned(ILogger logger, IEnumerable<TopicPartitionOffset> partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions revoked: {Partitions}")]
    private static partial void LogRevoked(ILogger logger, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer of {Topic} closed; delivered offsets committed")]
    private static partial void LogClosed(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The consume loop failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
