using Streaming.Worker.Pipeline;

namespace Streaming.Worker.Tests.Pipeline;

public sealed class LearningBudgetTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromMilliseconds(10);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Before_any_cost_is_known_one_step_is_allowed_to_measure_it()
    {
        var budget = new LearningBudget(0.25, Cap);
        Assert.Equal(8, budget.Allowance(100, 8));
        Assert.Equal(3, budget.Allowance(3, 8));
        Assert.True(double.IsNaN(budget.SecondsPerPoint));
    }

    [Fact]
    public void Busy_time_earns_share_over_one_minus_share_and_learning_spends_it_in_whole_steps()
    {
        var budget = new LearningBudget(0.25, Cap);
        budget.Learned(8, Ms(4)); // 0.5 ms per point, paid from a credit of zero
        Assert.Equal(0.0005, budget.SecondsPerPoint, 9);
        Assert.Equal(0, budget.Allowance(100, 8));

        budget.Worked(Ms(12)); // earns 4 ms: the debt paid back, nothing left
        Assert.Equal(0, budget.Allowance(100, 8));
        budget.Worked(Ms(15)); // earns 5 ms: 10 points' worth, one step of 8
        Assert.Equal(8, budget.Allowance(100, 8));
        Assert.Equal(5, budget.Allowance(5, 8));
    }

    [Fact]
    public void Under_a_steady_feed_learning_takes_at_most_the_share_of_the_thread()
    {
        var budget = new LearningBudget(0.25, Cap);
        double busy = 0, learning = 0;
        for (var batch = 0; batch < 1000; batch++)
        {
            busy += 3;
            budget.Worked(Ms(3));
            var pending = 200;
            int take;
            while ((take = Math.Min(budget.Allowance(pending, 8), 8)) > 0)
            {
                budget.Learned(take, Ms(2)); // a step costs 2 ms whatever it holds
                learning += 2;
                pending -= take;
            }
        }

        Assert.InRange(learning / (busy + learning), 0.20, 0.2501);
    }

    [Fact]
    public void Idle_time_earns_one_for_one_up_to_the_cap()
    {
        var budget = new LearningBudget(0.25, Cap);
        budget.Learned(8, Ms(8)); // 1 ms per point, paid from a credit of zero
        budget.Idled(TimeSpan.FromSeconds(5));
        Assert.Equal(0.010, budget.CreditSeconds, 9);
        Assert.Equal(8, budget.Allowance(100, 8)); // 10 ms at 1 ms per point: 10 points, one whole step
        Assert.Equal(10, budget.Allowance(10, 8)); // everything, when all that waits fits
    }

    [Fact]
    public void A_step_dearer_than_the_cap_is_still_taken_once_the_cap_is_saved_up()
    {
        var budget = new LearningBudget(0.5, Cap);
        budget.Learned(8, Ms(40)); // 5 ms per point: a step costs 40 ms, four caps
        budget.Worked(Ms(5));
        Assert.Equal(0, budget.Allowance(100, 8));
        budget.Worked(Ms(100));
        Assert.Equal(8, budget.Allowance(100, 8));
        budget.Learned(8, Ms(40));
        Assert.Equal(-0.030, budget.CreditSeconds, 9);
        Assert.Equal(0, budget.Allowance(100, 8));
    }

    [Fact]
    public void Share_one_learns_everything_and_share_zero_only_in_idle_time()
    {
        var all = new LearningBudget(1, Cap);
        all.Learned(8, Ms(100));
        Assert.Equal(1000, all.Allowance(1000, 8));

        var none = new LearningBudget(0, Cap);
        none.Learned(8, Ms(1));
        none.Worked(TimeSpan.FromSeconds(10));
        Assert.Equal(0, none.Allowance(100, 8));
        none.Idled(Ms(5));
        Assert.Equal(32, none.Allowance(100, 8));
    }

    [Fact]
    public void While_no_record_waits_learning_spends_the_idle_share_of_the_idle_time_saved_up_to_its_cap()
    {
        var budget = new LearningBudget(0.25, Cap, idleShare: 0.5);
        budget.Learned(8, Ms(8)); // 1 ms per point, paid from the busy credit
        Assert.Equal(0, budget.IdleAllowance(100, 8));
        budget.Idled(Ms(500)); // one long wait before a burst: half of it is idle credit, the busy credit stays capped
        Assert.Equal(0.250, budget.IdleCreditSeconds, 9);
        Assert.Equal(0.010, budget.CreditSeconds, 9);
        var learned = 0;
        while (budget.IdleAllowance(1000 - learned, 8) is var take and > 0)
        {
            budget.Learned(take, Ms(8), whileIdle: true);
            learned += take;
        }

        Assert.Equal(256, learned); // 250 ms at 8 ms a step: 32 steps, the last one overdrawing
        Assert.Equal(-0.006, budget.IdleCreditSeconds, 9);
        Assert.Equal(0.010, budget.CreditSeconds, 9); // untouched by idle learning
        budget.Idled(TimeSpan.FromMinutes(1));
        Assert.Equal(LearningBudget.MaxIdleCredit.TotalSeconds, budget.IdleCreditSeconds, 9);
    }

    [Fact]
    public void The_cost_estimate_follows_a_change_of_load()
    {
        var budget = new LearningBudget(0.25, Cap);
        budget.Learned(8, Ms(8));
        for (var i = 0; i < 30; i++)
        {
            budget.Learned(8, Ms(24));
        }

        Assert.InRange(budget.SecondsPerPoint, 0.0029, 0.0030);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningBudget(share, Cap));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningBudget(0.25, Cap, idleShare: share));
    }
}
