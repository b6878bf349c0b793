using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public sealed class RoutineMissesTests
{
    private static void Stretch(RoutineMisses routine, double largest)
    {
        routine.Record(largest);
        for (var i = 1; i < RoutineMisses.BlockPoints; i++)
        {
            routine.Record(largest / 10);
        }
    }

    [Fact]
    public void The_usual_miss_is_the_third_largest_of_the_closed_stretches()
    {
        var routine = new RoutineMisses();
        Stretch(routine, 0.5);
        Stretch(routine, 0.2);
        Assert.Equal(0, routine.Usual);

        Stretch(routine, 0.3);
        Assert.Equal(0.2, routine.Usual, 6);
        Stretch(routine, 0.4);
        Assert.Equal(0.3, routine.Usual, 6);
    }

    [Fact]
    public void The_open_stretch_does_not_count_until_it_closes()
    {
        var routine = new RoutineMisses();
        for (var i = 0; i < 3; i++)
        {
            Stretch(routine, 0.1);
        }

        routine.Record(0.9);
        routine.Record(0.9);
        Assert.Equal(0.1, routine.Usual, 6);
    }

    [Fact]
    public void A_stretch_older_than_the_last_sixteen_is_forgotten()
    {
        var routine = new RoutineMisses();
        for (var i = 0; i < 3; i++)
        {
            Stretch(routine, 0.8);
        }

        for (var i = 0; i < RoutineMisses.Blocks - 1; i++)
        {
            Stretch(routine, 0.1);
        }

        Assert.Equal(0.1, routine.Usual, 6);
    }

    [Fact]
    public void Non_finite_misses_count_as_none()
    {
        var routine = new RoutineMisses();
        for (var i = 0; i < 3; i++)
        {
            routine.Record(double.NaN);
            Stretch(routine, double.PositiveInfinity);
        }

        Assert.Equal(0, routine.Usual);
    }

    [Fact]
    public void A_restored_watch_goes_on_as_the_original()
    {
        var original = new RoutineMisses();
        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            original.Record(random.NextDouble());
        }

        var copy = new RoutineMisses();
        copy.Restore(original.Capture());
        Assert.Equal(original.Usual, copy.Usual);
        for (var i = 0; i < 3000; i++)
        {
            var miss = random.NextDouble() * (i / 1000.0);
            original.Record(miss);
            copy.Record(miss);
            Assert.Equal(original.Usual, copy.Usual);
        }
    }

    [Theory]
    [InlineData(3, 0, 0, 0f)]
    [InlineData(16, 16, 0, 0f)]
    [InlineData(16, 0, 250, 0f)]
    [InlineData(16, 0, 0, -1f)]
    [InlineData(16, 0, 0, float.NaN)]
    public void A_state_no_watch_could_have_is_refused(int blocks, int next, int points, float open)
    {
        var state = new RoutineMissesState(new float[blocks], next, points, open);
        Assert.Throws<ArgumentException>(() => new RoutineMisses().Restore(state));
    }
}
