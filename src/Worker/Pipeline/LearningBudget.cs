namespace Streaming.Worker.Pipeline;

/// <summary>
/// How much the model thread may learn right now, so that learning never makes it fall behind a feed it can predict.
/// Learning spends a credit of time: every second of other work (predicting, scoring, handing on) earns
/// Share / (1 − Share) seconds, so that under a steady feed learning takes at most <see cref="Share"/> of the thread's
/// time; every second the thread sat idle waiting for records earns a whole second (that time was free). Learning is
/// priced at the cost per point estimated online (an exponential moving average of measured steps). The credit is
/// capped, so a point that arrives while the model learns waits about the cap at most. That credit rations learning
/// while records wait. While none waits, learning spends a second account, the idle credit: <see cref="IdleShare"/>
/// of every idle second, saved up to <see cref="MaxIdleCredit"/>, so that the idle time of one long wait before a
/// burst of records (the embedded broker answers an empty fetch only after <c>fetch.wait.max.ms</c>) pays for learning
/// the whole burst, and the rest of the idle time stays free for the other threads and processes of the machine.
/// Plain arithmetic, no clocks: the caller measures. Not thread-safe: the model thread owns it.
/// </summary>
public sealed class LearningBudget
{
    /// <summary>
    /// The worker's credit cap: a point that arrives while the model learns waits about this long (or one training
    /// step, if that is longer), small against the 25 ms latency goal.
    /// </summary>
    public static readonly TimeSpan DefaultMaxCredit = TimeSpan.FromMilliseconds(10);

    // Weight of the newest measurement in the cost average: follows a change of load within ~10 steps.
    private const double CostSmoothing = 0.2;

    /// <summary>Most idle credit saved up: learning a burst of ~1,000 points after a long wait.</summary>
    public static readonly TimeSpan MaxIdleCredit = TimeSpan.FromSeconds(1);

    private readonly double _earnRate;
    private readonly double _maxCredit;

    /// <summary>
    /// <paramref name="share"/>: most of the thread's busy time learning may take, in [0, 1] (1 = no limit, learn every
    /// point; 0 = learn only in idle time). <paramref name="maxCredit"/>: most learning time saved up for one go while
    /// records wait. <paramref name="idleShare"/>: most of the thread's idle time learning may take while no record
    /// waits, in [0, 1].
    /// </summary>
    public LearningBudget(double share, TimeSpan maxCredit, double idleShare = 1)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the share must be in [0, 1]");
        }

        if (!(idleShare >= 0 && idleShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(idleShare), idleShare, "the idle share must be in [0, 1]");
        }

        if (maxCredit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCredit), maxCredit, "the credit cap must be positive");
        }

        Share = share;
        IdleShare = idleShare;
        _earnRate = share < 1 ? share / (1 - share) : double.PositiveInfinity;
        _maxCredit = maxCredit.TotalSeconds;
    }

    /// <summary>Most of the model thread's busy time learning may take.</summary>
    public double Share { get; }

    /// <summary>Most of the model thread's idle time learning may take while no record waits.</summary>
    public double IdleShare { get; }

    /// <summary>Learning time available while no record waits, in seconds: at most <see cref="MaxIdleCredit"/>, below zero while a step is paid back.</summary>
    public double IdleCreditSeconds { get; private set; }

    /// <summary>Estimated seconds to learn one point; NaN before the first measurement.</summary>
    public double SecondsPerPoint { get; private set; } = double.NaN;

    /// <summary>Learning time available now, in seconds: at most the cap, below zero while a step dearer than the cap is paid back.</summary>
    public double CreditSeconds { get; private set; }

    /// <summary>Notes <paramref name="busy"/> of work other than learning: it earns Share / (1 − Share) of it.</summary>
    public void Worked(TimeSpan busy) => Earn(busy.TotalSeconds * _earnRate);

    /// <summary>
    /// Notes <paramref name="idle"/> spent waiting for records: free time, it earns as much credit, and
    /// <see cref="IdleShare"/> of it as idle credit.
    /// </summary>
    public void Idled(TimeSpan idle)
    {
        Earn(idle.TotalSeconds);
        if (idle > TimeSpan.Zero)
        {
            IdleCreditSeconds = Math.Min(MaxIdleCredit.TotalSeconds, IdleCreditSeconds + (IdleShare * idle.TotalSeconds));
        }
    }

    /// <summary>
    /// How many of <paramref name="pending"/> points may be learned now while no record waits: one step's worth
    /// (<paramref name="quantum"/>) as long as the idle credit is positive (the step may overdraw it; the debt is earned
    /// back), none otherwise.
    /// </summary>
    public int IdleAllowance(int pending, int quantum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        return IdleCreditSeconds > 0 || double.IsNaN(SecondsPerPoint) ? Math.Min(pending, quantum) : 0;
    }

    /// <summary>
    /// How many of <paramref name="pending"/> learnable points may be learned now: what the credit pays for, in whole
    /// multiples of <paramref name="quantum"/> (the points one training step takes, which cost the same whether the
    /// step is full or not); all of them when Share is 1. Before any cost is known, one quantum, to measure it.
    /// </summary>
    public int Allowance(int pending, int quantum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantum, 1);
        if (pending == 0 || double.IsPositiveInfinity(_earnRate))
        {
            return pending;
        }

        if (double.IsNaN(SecondsPerPoint))
        {
            return Math.Min(pending, quantum);
        }

        if (CreditSeconds <= 0)
        {
            return 0;
        }

        var affordable = SecondsPerPoint > 0 ? CreditSeconds / SecondsPerPoint : double.PositiveInfinity;
        if (affordable >= pending)
        {
            return pending;
        }

        var whole = (int)(affordable / quantum) * quantum;
        if (whole == 0 && CreditSeconds >= _maxCredit)
        {
            // A step dearer than the cap (a slow machine) is still taken once the cap is saved up; the debt is earned back.
            whole = quantum;
        }

        return Math.Min(pending, whole);
    }

    /// <summary>
    /// Notes that <paramref name="points"/> were learned in <paramref name="took"/>: updates the cost estimate and spends
    /// the credit, or the idle credit when <paramref name="whileIdle"/> (no record waited: one arriving meanwhile waits
    /// one step at most, as the cap allows anyway).
    /// </summary>
    public void Learned(int points, TimeSpan took, bool whileIdle = false)
    {
        if (points <= 0)
        {
            return;
        }

        var seconds = Math.Max(0, took.TotalSeconds);
        var perPoint = seconds / points;
        SecondsPerPoint = double.IsNaN(SecondsPerPoint) ? perPoint : SecondsPerPoint + (CostSmoothing * (perPoint - SecondsPerPoint));
        if (whileIdle)
        {
            IdleCreditSeconds -= seconds;
        }
        else
        {
            CreditSeconds -= seconds;
        }
    }

    private void Earn(double seconds)
    {
        if (seconds > 0)
        {
            CreditSeconds = Math.Min(_maxCredit, CreditSeconds + seconds);
        }
    }
}
