namespace Streaming.Worker.Pipeline;

/// <summary>
/// How much the model thread may learn right now, so that learning never makes it fall behind a feed it can predict.
/// Learning spends a credit of time: every second of other work (predicting, scoring, handing on) earns
/// Share / (1 − Share) seconds, so that under a steady feed learning takes at most <see cref="Share"/> of the thread's
/// time; every second the thread sat idle waiting for records earns a whole second (that time was free). Learning is
/// priced at the cost per point estimated online (an exponential moving average of measured steps). The credit is
/// capped, so a point that arrives while the model learns waits about the cap at most. The credit rations learning
/// only while records wait: with none waiting, the model thread learns a step at a time, uncharged (see
/// <see cref="Learned"/>), because idle time that comes in one long wait before a burst of records would otherwise
/// earn just the cap, and a light feed would be learned from only in part. Plain arithmetic, no clocks: the caller
/// measures. Not thread-safe: the model thread owns it.
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

    private readonly double _earnRate;
    private readonly double _maxCredit;

    /// <summary>
    /// <paramref name="share"/>: most of the thread's busy time learning may take, in [0, 1] (1 = no limit, learn every
    /// point; 0 = learn only in idle time). <paramref name="maxCredit"/>: most learning time saved up for one go.
    /// </summary>
    public LearningBudget(double share, TimeSpan maxCredit)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the share must be in [0, 1]");
        }

        if (maxCredit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCredit), maxCredit, "the credit cap must be positive");
        }

        Share = share;
        _earnRate = share < 1 ? share / (1 - share) : double.PositiveInfinity;
        _maxCredit = maxCredit.TotalSeconds;
    }

    /// <summary>Most of the model thread's busy time learning may take.</summary>
    public double Share { get; }

    /// <summary>Estimated seconds to learn one point; NaN before the first measurement.</summary>
    public double SecondsPerPoint { get; private set; } = double.NaN;

    /// <summary>Learning time available now, in seconds: at most the cap, below zero while a step dearer than the cap is paid back.</summary>
    public double CreditSeconds { get; private set; }

    /// <summary>Notes <paramref name="busy"/> of work other than learning: it earns Share / (1 − Share) of it.</summary>
    public void Worked(TimeSpan busy) => Earn(busy.TotalSeconds * _earnRate);

    /// <summary>Notes <paramref name="idle"/> spent waiting for records: free time, it earns as much.</summary>
    public void Idled(TimeSpan idle) => Earn(idle.TotalSeconds);

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
    /// Notes that <paramref name="points"/> were learned in <paramref name="took"/>: updates the cost estimate and, when
    /// <paramref name="charged"/>, spends the credit. A step taken while no record waited is not charged: that time was
    /// free, and a record arriving meanwhile waits one step at most, as the cap allows anyway.
    /// </summary>
    public void Learned(int points, TimeSpan took, bool charged = true)
    {
        if (points <= 0)
        {
            return;
        }

        var seconds = Math.Max(0, took.TotalSeconds);
        var perPoint = seconds / points;
        SecondsPerPoint = double.IsNaN(SecondsPerPoint) ? perPoint : SecondsPerPoint + (CostSmoothing * (perPoint - SecondsPerPoint));
        if (charged)
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
