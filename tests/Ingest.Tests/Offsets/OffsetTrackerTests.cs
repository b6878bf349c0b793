using Streaming.Ingest.Offsets;

namespace Streaming.Ingest.Tests.Offsets;

public class OffsetTrackerTests
{
    private const string Topic = "points";

    [Fact]
    public void In_order_completion_commits_each_offset()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 5);
        t.Begin(Topic, 0, 6);
        Assert.Equal(2, t.InFlight);
        Assert.True(t.Complete(Topic, 0, 5, out long c1));
        Assert.Equal(6, c1);
        Assert.True(t.Complete(Topic, 0, 6, out long c2));
        Assert.Equal(7, c2);
        Assert.Equal(0, t.InFlight);
    }

    [Fact]
    public void Out_of_order_completion_waits_for_the_head()
    {
        var t = new OffsetTracker();
        for (long o = 10; o < 14; o++)
        {
            t.Begin(Topic, 1, o);
        }

        Assert.False(t.Complete(Topic, 1, 12, out _));
        Assert.False(t.Complete(Topic, 1, 11, out _));
        Assert.Equal(2, t.InFlight);
        Assert.True(t.Complete(Topic, 1, 10, out long commit));
        Assert.Equal(13, commit);
        Assert.True(t.Complete(Topic, 1, 13, out commit));
        Assert.Equal(14, commit);
    }

    [Fact]
    public void Gaps_between_offsets_are_skipped()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 3);
        t.Begin(Topic, 0, 7);
        t.Begin(Topic, 0, 20);
        Assert.False(t.Complete(Topic, 0, 20, out _));
        Assert.False(t.Complete(Topic, 0, 5, out _));
        Assert.True(t.Complete(Topic, 0, 3, out long commit));
        Assert.Equal(4, commit);
        Assert.True(t.Complete(Topic, 0, 7, out commit));
        Assert.Equal(21, commit);
    }

    [Fact]
    public void Duplicate_and_unknown_completions_change_nothing()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 1);
        t.Begin(Topic, 0, 2);
        Assert.False(t.Complete(Topic, 0, 2, out _));
        Assert.False(t.Complete(Topic, 0, 2, out _));
        Assert.Equal(1, t.InFlight);
        Assert.True(t.Complete(Topic, 0, 1, out _));
        Assert.False(t.Complete(Topic, 0, 1, out _));
        Assert.False(t.Complete(Topic, 9, 1, out _));
        Assert.False(t.Complete("other", 0, 1, out _));
        Assert.Equal(0, t.InFlight);
    }

    [Fact]
    public void Partitions_and_topics_are_independent()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 1);
        t.Begin(Topic, 1, 1);
        t.Begin("other", 0, 1);
        Assert.True(t.Complete(Topic, 1, 1, out long commit));
        Assert.Equal(2, commit);
        Assert.Equal(2, t.InFlight);
    }

    [Fact]
    public void Forget_drops_in_flight_and_ignores_late_completions()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 1);
        t.Begin(Topic, 0, 2);
        t.Begin(Topic, 1, 1);
        t.Forget(Topic, 0);
        Assert.Equal(1, t.InFlight);
        Assert.False(t.Complete(Topic, 0, 1, out _));
        Assert.Equal(1, t.InFlight);

        // Re-assigned later: starts afresh, even at lower offsets.
        t.Begin(Topic, 0, 1);
        Assert.True(t.Complete(Topic, 0, 1, out long commit));
        Assert.Equal(2, commit);
        t.Forget(Topic, 42);
    }

    [Fact]
    public void A_re_read_from_an_earlier_offset_starts_the_partition_afresh()
    {
        var t = new OffsetTracker();
        t.Begin(Topic, 0, 5);
        t.Begin(Topic, 0, 6);
        t.Begin(Topic, 0, 4); // the consumer seeked back
        Assert.Equal(1, t.InFlight);
        Assert.False(t.Complete(Topic, 0, 5, out _)); // a stale completion from before the re-read moves nothing
        Assert.True(t.Complete(Topic, 0, 4, out long commit));
        Assert.Equal(5, commit);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Begin(Topic, 1, -1));
    }

    [Fact]
    public void Grows_beyond_initial_capacity_across_wraps()
    {
        var t = new OffsetTracker();
        long next = 0;
        long lastCommit = 0;

        // Keep a moving backlog so the ring wraps, then grows while wrapped.
        for (int round = 0; round < 10; round++)
        {
            for (int i = 0; i < 50 + (round * 20); i++)
            {
                t.Begin(Topic, 0, next++);
            }

            for (long o = next - 1; o >= lastCommit + 10; o--)
            {
                t.Complete(Topic, 0, o, out _);
            }

            for (long o = lastCommit; o < lastCommit + 10; o++)
            {
                if (t.Complete(Topic, 0, o, out long commit))
                {
                    Assert.True(commit > lastCommit);
                }
            }

            lastCommit = next;
            Assert.Equal(0, t.InFlight);
        }
    }

    [Fact]
    public async Task Concurrent_completions_commit_everything_exactly_once()
    {
        const int Partitions = 4;
        const int PerPartition = 20_000;
        var t = new OffsetTracker();
        for (int p = 0; p < Partitions; p++)
        {
            for (long o = 0; o < PerPartition; o++)
            {
                t.Begin(Topic, p, o * 2); // gaps of one
            }
        }

        var highest = new long[Partitions];
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            var mine = Enumerable.Range(0, Partitions * PerPartition)
                .Where(i => i % 8 == worker)
                .OrderBy(_ => random.Next())
                .ToList();
            foreach (int i in mine)
            {
                int p = i % Partitions;
                long offset = (i / Partitions) * 2L;
                if (t.Complete(Topic, p, offset, out long commit))
                {
                    // Commits per partition only move forward, whichever thread reports them.
                    long seen;
                    do
                    {
                        seen = Volatile.Read(ref highest[p]);
                    }
                    while (commit > seen && Interlocked.CompareExchange(ref highest[p], commit, seen) != seen);
                }
            }
        }));
        await Task.WhenAll(tasks);

        Assert.Equal(0, t.InFlight);
        Assert.All(highest, h => Assert.Equal(((PerPartition - 1) * 2L) + 1, h));
    }

    [Fact]
    public void Finished_below_holds_once_every_begun_offset_under_it_is_finished()
    {
        var t = new OffsetTracker();
        Assert.False(t.FinishedBelow(Topic, 2, 0)); // unknown partition
        for (long o = 20; o < 24; o++)
        {
            t.Begin(Topic, 2, o);
        }

        Assert.True(t.FinishedBelow(Topic, 2, 20));
        Assert.False(t.FinishedBelow(Topic, 2, 21));
        t.Complete(Topic, 2, 21, out _);
        Assert.False(t.FinishedBelow(Topic, 2, 22)); // 20 is still out
        t.Complete(Topic, 2, 20, out _);
        Assert.True(t.FinishedBelow(Topic, 2, 22));
        Assert.False(t.FinishedBelow(Topic, 2, 23));
        t.Complete(Topic, 2, 23, out _);
        t.Complete(Topic, 2, 22, out _);
        Assert.True(t.FinishedBelow(Topic, 2, 100));
        t.Forget(Topic, 2);
        Assert.False(t.FinishedBelow(Topic, 2, 0));
    }
}
