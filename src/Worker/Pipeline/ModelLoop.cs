using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Worker.Options;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Pipeline;

/// <summary>
/// The model thread: takes what the consume thread decoded in batches of up to <c>Pipeline:MaxBatchSize</c>, runs
/// the detector over the valid points and hands every record, in order, to the publish thread (valid ones with
/// their detection, bad ones for the dead-letter topic) before it learns from the batch, so that learning never delays
/// a prediction already made. TorchSharp work stays on this one thread (its no-grad mode and scratch memory are per
/// thread). Learning goes one training step at a time, paced by a <see cref="LearningBudget"/>: while records wait, at
/// most <c>Pipeline:LearnTimeShare</c> of the thread's busy time; while none waits, at most
/// <c>Pipeline:IdleLearnShare</c> of the time it sat idle. Points it had no time for are predicted but not learned;
/// predictions are never skipped. Rebalance events reach it through the
/// <see cref="PartitionStateKeeper"/> at their place in the record stream: a partition's series are restored before its first
/// record and saved after its last.
/// </summary>
public sealed partial class ModelLoop
{
    private readonly ChannelReader<InboundRecord> _records;
    private readonly ChannelWriter<PublishRequest> _outbound;
    private readonly DetectionEngine _engine;
    private readonly PartitionStateKeeper _state;
    private readonly DetectorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly LearningBudget _budget;

    /// <summary>The worker's loop: the consumer's records in, the publish channel out, <c>Pipeline:</c> batch size and learning share.</summary>
    public ModelLoop(PointConsumer consumer, Channel<PublishRequest> outbound, DetectionEngine engine, PartitionStateKeeper state,
        DetectorMetrics metrics, ILogger<ModelLoop> logger, IOptions<PipelineOptions> pipeline)
        : this(consumer.Records, outbound.Writer, engine, state, metrics, logger, pipeline.Value.MaxBatchSize,
            new LearningBudget(pipeline.Value.LearnTimeShare, LearningBudget.DefaultMaxCredit, pipeline.Value.IdleLearnShare))
    {
    }

    /// <summary>Wires the loop between the consume thread's records and the publish thread's channel.</summary>
    public ModelLoop(ChannelReader<InboundRecord> records, ChannelWriter<PublishRequest> outbound, DetectionEngine engine, PartitionStateKeeper state,
        DetectorMetrics metrics, ILogger<ModelLoop> logger, int maxBatch, LearningBudget budget)
    {
        _state = state;
        _records = records;
        _outbound = outbound;
        _engine = engine;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = maxBatch;
        _budget = budget;
    }

    private Task? _thread;

    /// <summary>True while the model thread runs (started, not finished or failed).</summary>
    public bool IsRunning => _thread is { IsCompleted: false };

    /// <summary>Runs the loop on a dedicated thread until the records channel completes; then completes the outbound channel.</summary>
    public Task RunOnOwnThread() => _thread = DedicatedThread.Run("model", Run, ex =>
    {
        LogLoopFailed(_logger, ex);
        _outbound.TryComplete(ex);
    });

    private void Run()
    {
        var batch = new List<InboundRecord>(_maxBatch);
        var roles = new RecordRole[_maxBatch];
        var points = new SensorPoint[_maxBatch];
        var results = new DetectionResult[_maxBatch];
        long read = 0;
        while (true)
        {
            _state.RunDueCommands(read, Emit);
            // Never read past a pending rebalance event: records after it belong to the partitions as they are after it.
            var limit = _state.NextCommandAt is { } at ? (int)Math.Clamp(at - read, 0, _maxBatch) : _maxBatch;
            batch.Clear();
            while (batch.Count < limit && _records.TryRead(out var record))
            {
                _metrics.Stage("queue", record.ReceivedAt);
                batch.Add(record);
            }

            if (batch.Count == 0)
            {
                // A snapshot half written goes on while nothing waits, a chunk at a time, so a record that comes meanwhile
                // waits for one chunk at most.
                if (limit > 0 && _state.SnapshotInProgress)
                {
                    Snapshot();
                    continue;
                }

                var waitStarted = Stopwatch.GetTimestamp();
                var more = limit > 0 && WaitForWork();
                _budget.Idled(Stopwatch.GetElapsedTime(waitStarted));
                if (limit > 0 && !more)
                {
                    break;
                }

                continue;
            }

            read += batch.Count;
            var started = Stopwatch.GetTimestamp();
            var valid = ProcessBatch(batch, roles, points, results);
            _budget.Worked(Stopwatch.GetElapsedTime(started));
            var loss = Learn();
            if (valid > 0)
            {
                _metrics.Batch(valid, loss);
            }

            Snapshot();
        }

        // Stopping: save what changed, so a restart goes on without replaying more than it must.
        _state.SnapshotAll(Emit);
        _outbound.TryComplete();
    }

    // A snapshot's chunk pauses the model thread: its own stage, so that the pause shows in the latency it explains.
    private void Snapshot()
    {
        var started = Stopwatch.GetTimestamp();
        if (_state.SnapshotIfDue(Emit))
        {
            _metrics.Stage("snapshot", started);
        }
    }

    // Returns how many valid points it predicted.
    private int ProcessBatch(List<InboundRecord> batch, RecordRole[] roles, SensorPoint[] points, DetectionResult[] results)
    {
        _metrics.PointsIn(batch.Count);
        var valid = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            roles[i] = _state.RoleOf(record);
            if (record.Decoded.IsValid && roles[i] != RecordRole.Skip)
            {
                points[valid++] = record.Decoded.Point;
            }
        }

        if (valid > 0)
        {
            var modelStart = Stopwatch.GetTimestamp();
            _metrics.Learnable(_engine.Detect(points.AsSpan(0, valid), results.AsSpan(0, valid)));
            _metrics.Stage("model", modelStart);
        }

        // Hand on in consume order, so a series' outputs keep the order of its inputs.
        var next = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            var role = roles[i];
            DetectionResult? detection = record.Decoded.IsValid && role != RecordRole.Skip ? results[next++] : null;
            _state.Processed(record, role);
            Emit(role == RecordRole.Process ? PublishRequest.Point(record, detection) : PublishRequest.Replayed(record));
        }

        return valid;
    }

    // One training step at a time: a record that arrives meanwhile waits at most a step. While records wait, the
    // budget's credit decides; while none does, its idle credit. Returns the last step's loss, NaN when none ran.
    private float Learn()
    {
        var loss = float.NaN;
        var pending = _engine.PendingLearnable;
        var step = _engine.PointsPerStep;
        if (step == int.MaxValue)
        {
            // The model does not train (Model:TrainSamplesPerPoint 0): nothing is learned, nor counted as learned.
            return loss;
        }

        while (pending > 0)
        {
            var idle = _records.CanCount && _records.Count == 0;
            var take = Math.Min(idle ? _budget.IdleAllowance(pending, step) : _budget.Allowance(pending, step), step);
            if (take == 0)
            {
                break;
            }

            var started = Stopwatch.GetTimestamp();
            loss = _engine.LearnPending(take);
            _budget.Learned(take, Stopwatch.GetElapsedTime(started), whileIdle: idle);
            _metrics.Learned(take);
            pending -= take;
        }

        return loss;
    }

    // True when there is something to do: a record, or a rebalance event that is due.
    private bool WaitForWork()
    {
        if (_records.Completion.IsCompleted)
        {
            return false;
        }

        var records = _records.WaitToReadAsync().AsTask();
        var commands = _state.WaitForCommandAsync().AsTask();
        Task.WhenAny(records, commands).GetAwaiter().GetResult();
        return !records.IsCompleted || records.Result;
    }

    private void Emit(PublishRequest item)
    {
        while (!_outbound.TryWrite(item))
        {
            // Full: the publish thread is behind. A closed channel means it failed, and so must this loop.
            if (!_outbound.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The publish thread stopped; no output can be delivered.");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The model loop failed; the worker stops (undelivered offsets are not committed)")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
