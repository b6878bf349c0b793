using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

public sealed class SnapshotRoundTests
{
    [Fact]
    public void A_round_takes_its_partitions_in_turn_then_the_model_once()
    {
        var round = new SnapshotRound(TimeSpan.Zero);

        Assert.True(round.TurnDue([3, 1], includeModel: true));
        Assert.True(round.TryNextPartition(out var first));
        round.TurnTaken();
        Assert.True(round.TurnDue([7], includeModel: true)); // under way: the partitions it started with
        Assert.True(round.TryNextPartition(out var second));
        Assert.False(round.TryNextPartition(out _));
        Assert.True(round.TakeModel());
        Assert.False(round.TakeModel());
        Assert.Equal([3, 1], new[] { first, second });

        // The next round reads the partitions owned then, and leaves the model out when told to.
        Assert.True(round.TurnDue([7], includeModel: false));
        Assert.True(round.TryNextPartition(out var next));
        Assert.Equal(7, next);
        Assert.False(round.TakeModel());
    }

    [Fact]
    public void No_round_starts_before_its_interval()
    {
        var round = new SnapshotRound(TimeSpan.FromHours(1));

        Assert.False(round.TurnDue([1], includeModel: true));
        Assert.False(round.TryNextPartition(out _));
        Assert.False(round.TakeModel());
    }

    [Fact]
    public void A_restart_drops_the_round_under_way()
    {
        var round = new SnapshotRound(TimeSpan.Zero);
        Assert.True(round.TurnDue([1, 2], includeModel: true));
        round.TryNextPartition(out _);

        round.Restart();

        Assert.False(round.TryNextPartition(out _));
        Assert.False(round.TakeModel());
        Assert.True(round.TurnDue([5], includeModel: false));
        Assert.True(round.TryNextPartition(out var next));
        Assert.Equal(5, next);
    }
}
