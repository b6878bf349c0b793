using Streaming.Worker.State;

namespace Streaming.Worker.Tests.State;

public sealed class StateRecordsTests
{
    [Fact]
    public void A_position_round_trips_and_anything_else_is_refused()
    {
        var position = new PartitionPosition(123_456_789_012, -1);
        Assert.Equal(position, PartitionPosition.Decode(position.Encode()));
        Assert.Throws<InvalidDataException>(() => PartitionPosition.Decode(position.Encode().AsSpan(0, 16)));
        var foreign = position.Encode();
        foreign[0] = 2;
        Assert.Throws<InvalidDataException>(() => PartitionPosition.Decode(foreign));
    }

    [Fact]
    public void Keys_of_one_partition_are_found_by_its_prefix_and_never_by_another_partitions()
    {
        var key = StateKeys.Series(3, "pump/1");
        Assert.Equal("pump/1", StateKeys.SeriesOf(key, 3));
        Assert.Null(StateKeys.SeriesOf(key, 30));
        Assert.Null(StateKeys.SeriesOf(StateKeys.Position(3), 3));
        Assert.StartsWith(StateKeys.Prefix(3), StateKeys.Position(3), StringComparison.Ordinal);
        Assert.False(StateKeys.Series(30, "x").StartsWith(StateKeys.Prefix(3), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 16, 0)]
    [InlineData(17, 16, 1)]
    [InlineData(5, 4, 1)]
    [InlineData(5, 1, 0)]
    public void An_input_partition_maps_to_its_state_partition(int input, int statePartitions, int expected) =>
        Assert.Equal(expected, StateKeys.StatePartition(input, statePartitions));
}
