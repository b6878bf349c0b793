using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Tools.Embedded;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

/// <summary>The periodic snapshot, one partition (then the model) per call, on the embedded broker's state topics.</summary>
public sealed class PartitionStateKeeperSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MockCluster _cluster = MockCluster.Start();
    private readonly GruForecaster _forecaster = new(new ModelOptions { WindowSize = 5, HiddenSize = 8 });
    private readonly DetectionEngine _engine;
    private readonly PartitionCommands _commands = new();
    private readonly PartitionStateKeeper _keeper;
    private long _offset;

    private readonly CompactedTopics _topics;

    public PartitionStateKeeperSnapshotTests()
    {
        var suffix = Guid.NewGuid().ToString("N");
        _cluster.CreateTopic("in-" + suffix, 3);
        _topics = new CompactedTopics(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }, "state-" + suffix, "model-" + suffix,
            "in-" + suffix, NullLogger<CompactedTopics>.Instance);
        _engine = new DetectionEngine(_forecaster, new ScoringOptions(), () => ScalerFactory.Create(ScalerKind.MinMax));
        _keeper = Keeper(TimeSpan.Zero);
        // No time for more than one series per call: every partition with more than one changed series goes out in chunks.
        _chunked = Keeper(TimeSpan.Zero, TimeSpan.Zero);
    }

    // A chunk budget of a minute: each partition's series go out in one call, whatever the machine's speed.
    private PartitionStateKeeper Keeper(TimeSpan interval, TimeSpan? chunkBudget = null) =>
        new(_engine, _commands, _topics, () => [42], interval, NullLogger<PartitionStateKeeper>.Instance, chunkBudget ?? TimeSpan.FromMinutes(1));

    private readonly PartitionStateKeeper _chunked;

    public void Dispose()
    {
        _forecaster.Dispose();
        _cluster.Dispose();
    }

    // A point of `series` read from input partition `partition`, processed by the engine and noted by the keeper.
    private void Feed(int partition, string series) => Feed(_keeper, partition, series);

    private void Feed(PartitionStateKeeper keeper, int partition, string series)
    {
        var point = new SensorPoint(series, T0.AddMinutes(_offset), _offset % 7);
        _engine.Process([point], new DetectionResult[1]);
        var record = new InboundRecord(new TopicPartitionOffset("in", partition, _offset++), null, null, null, DecodeResult.Success(point));
        keeper.Processed(record, RecordRole.Process);
    }

    private List<SnapshotRecords> SnapshotIfDue() => SnapshotIfDue(_keeper);

    private static List<SnapshotRecords> SnapshotIfDue(PartitionStateKeeper keeper)
    {
        var emitted = new List<SnapshotRecords>();
        keeper.SnapshotIfDue(o => emitted.Add(o.Snapshot!));
        return emitted;
    }

    private static string SeriesOf(CompactedRecord record) => StateKeys.SeriesOf(record.Key, 0)!;

    private static bool IsModel(SnapshotRecords snapshot) => snapshot.InputPartition is null && snapshot.Records.Single().Key == PartitionStateKeeper.ModelKey;

    [Fact]
    public void A_due_snapshot_takes_one_partition_per_call_then_the_model()
    {
        foreach (var partition in new[] { 0, 1, 2 })
        {
            Feed(partition, $"s{partition}-a");
            Feed(partition, $"s{partition}-b");
        }

        var calls = Enumerable.Range(0, 4).Select(_ => SnapshotIfDue()).ToList();

        Assert.All(calls, c => Assert.Single(c));
        var partitions = calls.Take(3).Select(c => c[0]).ToList();
        Assert.Equal([0, 1, 2], partitions.Select(s => s.InputPartition!.Value).Order());
        Assert.All(partitions, s => Assert.Equal(2, s.Records.Count));
        Assert.True(IsModel(calls[3][0]));

        // Nothing changed since: the next round (the interval is 0) has no partition to save, only the model.
        Assert.True(IsModel(Assert.Single(SnapshotIfDue())));
    }

    [Fact]
    public void The_slices_of_a_round_are_spread_over_the_interval()
    {
        // 2 s for 3 partitions and the model: a slice every 0.5 s.
        var keeper = Keeper(TimeSpan.FromSeconds(2));
        foreach (var partition in new[] { 0, 1, 2 })
        {
            Feed(keeper, partition, $"s{partition}");
        }

        var emitted = new List<PublishRequest>();
        Assert.False(keeper.SnapshotIfDue(emitted.Add)); // the interval has not passed since the keeper started
        Thread.Sleep(TimeSpan.FromSeconds(2.1));
        Assert.True(keeper.SnapshotIfDue(emitted.Add));
        Assert.False(keeper.SnapshotIfDue(emitted.Add)); // the next slice waits its turn
        Assert.Single(emitted);

        Thread.Sleep(TimeSpan.FromSeconds(0.6));
        Assert.True(keeper.SnapshotIfDue(emitted.Add));
        Assert.Equal(2, emitted.Count);
        Assert.NotEqual(emitted[0].Snapshot!.InputPartition, emitted[1].Snapshot!.InputPartition);
    }

    [Fact]
    public void A_partition_revoked_in_the_middle_of_a_round_is_saved_on_its_way_out_and_skipped_by_the_round()
    {
        foreach (var partition in new[] { 0, 1, 2 })
        {
            Feed(partition, $"s{partition}");
        }

        var first = Assert.Single(SnapshotIfDue());
        var revoked = new[] { 0, 1, 2 }.First(p => p != first.InputPartition);
        var onRevoke = new List<PublishRequest>();
        _commands.Post(new RevokeCommand(0, [revoked], false, new TaskCompletionSource()));
        _keeper.RunDueCommands(0, onRevoke.Add);
        Assert.Contains(onRevoke, o => o.Snapshot?.InputPartition == revoked);

        var rest = SnapshotIfDue().Concat(SnapshotIfDue()).ToList();
        Assert.DoesNotContain(rest, s => s.InputPartition == revoked);
        Assert.Single(rest, s => s.InputPartition is not null);
        Assert.Single(rest, IsModel);
    }

    [Fact]
    public void Stopping_saves_what_the_round_had_left_at_once()
    {
        foreach (var partition in new[] { 0, 1, 2 })
        {
            Feed(partition, $"s{partition}");
        }

        var first = Assert.Single(SnapshotIfDue());
        var all = new List<SnapshotRecords>();
        _keeper.SnapshotAll(o => all.Add(o.Snapshot!));

        Assert.Equal(2, all.Count(s => s.InputPartition is not null));
        Assert.DoesNotContain(all, s => s.InputPartition == first.InputPartition);
        Assert.Single(all, IsModel);
        // The round is over: the next call starts a new one, with nothing changed.
        Assert.True(IsModel(Assert.Single(SnapshotIfDue())));
    }

    [Fact]
    public void A_partition_goes_out_in_chunks_and_its_position_comes_with_the_last()
    {
        foreach (var series in new[] { "a", "b", "c" })
        {
            Feed(_chunked, 0, series);
        }

        var chunks = Enumerable.Range(0, 3).Select(_ => Assert.Single(SnapshotIfDue(_chunked))).ToList();

        Assert.All(chunks, c => Assert.Single(c.Records));
        Assert.Equal(["a", "b", "c"], chunks.Select(c => SeriesOf(c.Records[0])).Order());
        Assert.Equal([true, true, false], chunks.Select(c => c.Partial));
        Assert.All(chunks, c => Assert.Equal((0, 3L), (c.InputPartition!.Value, c.SnapshotOffset)));
        Assert.False(_chunked.SnapshotInProgress);
        Assert.True(IsModel(Assert.Single(SnapshotIfDue(_chunked))));
    }

    [Fact]
    public void A_series_saved_early_in_a_slice_and_changed_after_is_saved_again_in_the_next_round()
    {
        foreach (var series in new[] { "a", "b", "c" })
        {
            Feed(_chunked, 0, series);
        }

        var first = Assert.Single(SnapshotIfDue(_chunked));
        var early = SeriesOf(first.Records[0]);
        foreach (var series in new[] { "a", "b", "c" })
        {
            Feed(_chunked, 0, series); // offsets 3 to 5
        }

        var rest = SnapshotIfDue(_chunked).Concat(SnapshotIfDue(_chunked)).ToList();

        // Each series record is valid up to the offset reached when it was encoded; the position is the slice's start.
        Assert.Equal(3, SeriesRecordCodec.ReadAsOf(first.Records[0].Value));
        Assert.All(rest, c => Assert.Equal(6, SeriesRecordCodec.ReadAsOf(c.Records.Single().Value)));
        Assert.Equal(3, rest[^1].SnapshotOffset);
        Assert.False(rest[^1].Partial);
        Assert.True(IsModel(Assert.Single(SnapshotIfDue(_chunked))));
        var next = Assert.Single(SnapshotIfDue(_chunked));
        Assert.Equal(early, SeriesOf(next.Records.Single()));
        Assert.Equal((6L, false), (next.SnapshotOffset, next.Partial));
    }

    [Fact]
    public void A_restore_from_a_chunked_snapshot_skips_per_series_what_its_record_already_holds()
    {
        foreach (var series in new[] { "a", "b", "c" })
        {
            Feed(_chunked, 0, series);
        }

        var chunks = new List<SnapshotRecords> { Assert.Single(SnapshotIfDue(_chunked)) };
        var early = SeriesOf(chunks[0].Records[0]);
        var late = new[] { "a", "b", "c" }.Where(s => s != early).ToList();
        Feed(_chunked, 0, early); // offset 3: after its save, before the others'
        Feed(_chunked, 0, late[0]); // offset 4: inside its save
        chunks.AddRange(SnapshotIfDue(_chunked).Concat(SnapshotIfDue(_chunked)));
        Assert.False(chunks[^1].Partial);

        // The next owner resumes at the position and replays up to offset 5 (the outputs delivered).
        using var forecaster = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 8 });
        var engine = new DetectionEngine(forecaster, new ScoringOptions(), () => ScalerFactory.Create(ScalerKind.MinMax));
        var commands = new PartitionCommands();
        var next = new PartitionStateKeeper(engine, commands, _topics, null, TimeSpan.FromHours(1), NullLogger<PartitionStateKeeper>.Instance);
        var saved = chunks.SelectMany(c => c.Records).ToDictionary(SeriesOf, r => r.Value!);
        commands.Post(new AssignCommand(0, [new RestoredPartition(0, saved, 5, new PartitionPosition(chunks[^1].SnapshotOffset, 5))]));
        next.RunDueCommands(0, _ => { });

        Assert.Equal(3, chunks[^1].SnapshotOffset);
        Assert.Equal(RecordRole.Replay, next.RoleOf(Record(3, early)));
        Assert.Equal(RecordRole.Skip, next.RoleOf(Record(4, late[0])));
    }

    [Fact]
    public void A_partition_revoked_in_the_middle_of_its_slice_saves_the_rest_on_its_way_out()
    {
        foreach (var series in new[] { "a", "b", "c" })
        {
            Feed(_chunked, 0, series);
        }

        var first = Assert.Single(SnapshotIfDue(_chunked));
        Feed(_chunked, 0, SeriesOf(first.Records[0])); // offset 3
        var onRevoke = new List<PublishRequest>();
        _commands.Post(new RevokeCommand(0, [0], false, new TaskCompletionSource()));
        _chunked.RunDueCommands(0, onRevoke.Add);

        var last = onRevoke.Select(o => o.Snapshot).OfType<SnapshotRecords>().Single();
        Assert.Equal(["a", "b", "c"], last.Records.Select(SeriesOf).Order());
        Assert.Equal((4L, false), (last.SnapshotOffset, last.Partial));
        Assert.False(_chunked.SnapshotInProgress);
        Assert.True(IsModel(Assert.Single(SnapshotIfDue(_chunked))));
    }

    private static InboundRecord Record(long offset, string series) =>
        new(new TopicPartitionOffset("in", 0, offset), null, null, null, DecodeResult.Success(new SensorPoint(series, T0.AddMinutes(offset), 1)));
}
