using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public class SeenSequencesTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(1_000_000)]
    public void It_holds_exactly_what_a_hash_set_would_in_either_form(long keySpace)
    {
        var seen = new SeenSequences(keySpace);
        var reference = new HashSet<long>();
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            long key = random.Next((int)Math.Min(keySpace, 700));
            Assert.Equal(reference.Add(key), seen.Add(key));
        }

        Assert.Equal(reference.Order(), seen.Sorted());
    }

    [Fact]
    public void A_key_outside_the_space_keeps_everything_added_before_it()
    {
        var seen = new SeenSequences(64);
        seen.Add(3);
        seen.Add(63);

        Assert.True(seen.Add(64));
        Assert.True(seen.Add(-5));
        Assert.False(seen.Add(3));
        Assert.Equal([-5L, 3, 63, 64], seen.Sorted());
    }

    [Fact]
    public void Replacing_the_contents_forgets_the_old_keys()
    {
        var seen = new SeenSequences(512);
        seen.Add(1);
        seen.Add(500);

        seen.ReplaceWith([7, 2]);

        Assert.Equal([2L, 7], seen.Sorted());
        Assert.True(seen.Add(1));
    }
}
