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
    }

    private PartitionStateKeeper Keeper(TimeSpan interval) => new(_engine, _commands, _topics, () => [42], interval, NullLogger<PartitionStateKeeper>.Instance);

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

    private List<SnapshotRecords> SnapshotIfDue()
    {
        var emitted = new List<SnapshotRecords>();
        _keeper.SnapshotIfDue(o => emitted.Add(o.Snapshot!));
        return emitted;
    }

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
}
