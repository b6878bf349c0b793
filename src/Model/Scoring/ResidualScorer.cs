namespace Streaming.Model.Scoring;

/// <summary>
/// Per-series anomaly scoring from prediction residuals, in the spirit of HTM's anomaly likelihood, combined with the
/// value's own novelty (<see cref="NoveltyDetector"/>), in O(1) memory. Residuals come with the series' span (raw
/// residual and range, or scaled residual and 1); z is a ratio of residuals, so one configuration fits every series
/// whatever its units.
/// </summary>
/// <remarks>
/// <para>Per point: r = residual (clamped to ±<see cref="MaxResidual"/> spans; non-finite counts as the cap); m = mean
/// of the last ShortWindow r's (signed, so noise averages out while a sustained miss does not); z = |m − μ| /
/// max(σ, MinStd × span) against the long-term mean μ and std σ of m; the residual score is
/// <see cref="SurpriseScore"/>(z), a monotone map of the two-sided Gaussian tail probability of z into [0, 0.999);
/// Score = max(residual score, context novelty, 1 when out of range with z ≥ <see cref="OutOfRangeMinZ"/>), 1 for a
/// stuck series. A score ≥ Threshold starts a cooldown of CooldownPoints points in which scores read 0 (repeats of
/// one incident are not news); it is flagged when past warm-up.</para>
/// <para>Signed residuals rather than |residual|: the magnitude of Gaussian noise is half-normal, whose upper tail is
/// far heavier than a Gaussian z suggests (a 0.9999 threshold flagged ~0.1% of pure noise); signed model errors are
/// close to symmetric, so the threshold means what it says.</para>
/// <para>μ and σ² are updated after scoring, exponentially weighted with alpha = max(1/k, 2/(LongWindow + 1)) for
/// the k-th update: an exact running mean/variance until the EW window is reached, so warm-up is not biased towards
/// the first points. m is winsorised to μ ± 4·max(σ, MinStd) before updating so one spike does not inflate σ and
/// blind the series for thousands of points.</para>
/// <para>Not thread-safe: a series is owned by one thread.</para>
/// </remarks>
public sealed class ResidualScorer
{
    /// <summary>Largest |residual| taken at face value, in spans (a million series ranges).</summary>
    public const double MaxResidual = 1e6;

    /// <summary>z at or above which a flagged point is <see cref="AnomalySeverity.High"/>.</summary>
    public const double HighZ = 10;

    /// <summary>z at or above which a flagged point is <see cref="AnomalySeverity.Medium"/>.</summary>
    public const double MediumZ = 6;

    /// <summary>z the residual must reach for an out-of-range value to score 1.</summary>
    public const double OutOfRangeMinZ = 3;

    /// <summary>Surprise (−log10 p) at which the residual part of the score is half its maximum.</summary>
    public const double SurpriseHalf = 10;

    /// <summary>Ceiling of the residual part of the score, just below an out-of-range value's 1.</summary>
    public const double MaxResidualScore = 0.999;

    private const double WinsorSigmas = 4;

    // Options are copied, not referenced: they are mutable and a scorer must not change behaviour mid-stream.
    private readonly int _warmupPoints;
    private readonly int _cooldownPoints;
    private readonly double _threshold;
    private readonly double _minStd;
    private readonly double _longAlpha;

    private readonly double[] _recent;
    private int _recentNext;
    private int _recentCount;

    private long _statsCount;
    private double _mean;
    private double _variance;

    // Index of the last point whose flag the current cooldown suppresses.
    private long _suppressThrough = -1;

    /// <summary>Creates a scorer for one series; throws <see cref="ArgumentException"/> when the options are invalid.</summary>
    public ResidualScorer(ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ScoringOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _warmupPoints = options.WarmupPoints;
        _cooldownPoints = options.CooldownPoints;
        _threshold = options.Threshold;
        _minStd = options.MinStd;
        _longAlpha = 2.0 / (options.LongWindow + 1.0);
        _recent = new double[options.ShortWindow];
    }

    /// <summary>Residuals scored so far.</summary>
    public long PointsScored { get; private set; }

    /// <summary>True while fewer than WarmupPoints residuals have been scored: nothing flags yet.</summary>
    public bool IsWarmingUp => PointsScored < _warmupPoints;

    /// <summary>Long-term EW mean of the short-term mean residual, in the residuals' unit.</summary>
    internal double LongTermMean => _mean;

    /// <summary>Long-term EW std of the short-term mean residual (unfloored), in the residuals' unit.</summary>
    internal double LongTermStd => Math.Sqrt(_variance);

    /// <summary>
    /// Scores one residual and then learns from it. Never returns NaN. <paramref name="residual"/> and
    /// <paramref name="span"/> share one unit (raw units and the series' range, or scaled units and 1): the statistics
    /// are kept in that unit and <paramref name="span"/> only sets the floor MinStd × span, so a scaler that widens
    /// its range does not shift the residuals' scale. <paramref name="novelty"/> (from <see cref="NoveltyDetector"/>)
    /// raises the score: to its context score, and to 1 when out of range and z ≥ <see cref="OutOfRangeMinZ"/>.
    /// <paramref name="stuck"/> marks a point that completes a flat line (<see cref="FlatlineDetector"/>): it scores 1
    /// whatever its residual.
    /// </summary>
    public AnomalyScore Score(double residual, double span = 1, bool stuck = false, Novelty novelty = default)
    {
        double unit = double.IsFinite(span) && span > 0 ? span : 1;
        double shortMean = PushResidual(residual, unit * MaxResidual);
        double floor = _minStd * unit;
        double std = Math.Max(Math.Sqrt(_variance), floor);
        double z = _statsCount == 0 ? 0 : Math.Abs(shortMean - _mean) / std;
        // A new extreme the model saw coming (a trend carrying on) is no news; one it did not is.
        double noveltyScore = novelty.OutOfRange && z >= OutOfRangeMinZ ? 1 : Math.Clamp(novelty.Context, 0, 1);
        double score = stuck ? 1 : Math.Max(SurpriseScore(z), noveltyScore);

        // One incident, one alarm: a score that reaches the threshold starts a cooldown (during warm-up too, so the
        // first live point is not an echo of a warm-up incident) in which the reported score is 0.
        bool flagged = false;
        if (PointsScored <= _suppressThrough)
        {
            score = 0;
        }
        else if (score >= _threshold)
        {
            _suppressThrough = PointsScored + _cooldownPoints;
            flagged = !IsWarmingUp;
        }

        UpdateLongTerm(shortMean, std);
        PointsScored++;
        var severity = !flagged ? AnomalySeverity.None
            : stuck ? (AnomalySeverity)Math.Max((int)SeverityOf(z), (int)AnomalySeverity.Medium)
            : SeverityOf(z);
        return new AnomalyScore(score, z, flagged, severity);
    }

    /// <summary>
    /// Maps z to [0, <see cref="MaxResidualScore"/>): s / (s + <see cref="SurpriseHalf"/>) × MaxResidualScore with
    /// s = −log10(two-sided tail probability of z). Unlike 1 − p it does not crowd every large z at 1.0, so a single
    /// threshold still ranks a 6σ and a 20σ miss, and it stays below an out-of-range value's 1.0.
    /// </summary>
    public static double SurpriseScore(double z)
    {
        // The tail underflows to 0 beyond z ≈ 38: cap the surprise there rather than take log(0).
        double surprise = -Math.Log10(Math.Max(2 * StandardNormal.UpperTail(z), 1e-300));
        surprise = Math.Max(surprise, 0);
        return MaxResidualScore * surprise / (surprise + SurpriseHalf);
    }

    /// <summary>The scorer's learnt state (warm-up progress, residual statistics, short ring, cooldown), for a checkpoint.</summary>
    public ResidualScorerState Capture() =>
        new(PointsScored, _statsCount, _mean, _variance, _suppressThrough, [.. _recent], _recentNext, _recentCount);

    /// <summary>
    /// Continues from a captured state. A short ring of another length (ShortWindow changed since) is not carried
    /// over; the statistics are. Throws <see cref="ArgumentException"/> on numbers no scorer could have.
    /// </summary>
    public void Restore(ResidualScorerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.PointsScored < 0 || state.StatsCount < 0 || !double.IsFinite(state.Mean) || !(state.Variance >= 0) || !double.IsFinite(state.Variance))
        {
            throw new ArgumentException($"Not a residual scorer state: {state}.", nameof(state));
        }

        PointsScored = state.PointsScored;
        _statsCount = state.StatsCount;
        _mean = state.Mean;
        _variance = state.Variance;
        _suppressThrough = state.SuppressThrough;
        bool sameRing = state.Recent.Length == _recent.Length && state.RecentCount <= _recent.Length && state.RecentNext < _recent.Length;
        Array.Clear(_recent);
        if (sameRing)
        {
            state.Recent.CopyTo(_recent, 0);
        }

        _recentNext = sameRing ? state.RecentNext : 0;
        _recentCount = sameRing ? state.RecentCount : 0;
    }

    private static AnomalySeverity SeverityOf(double z) =>
        z >= HighZ ? AnomalySeverity.High : z >= MediumZ ? AnomalySeverity.Medium : AnomalySeverity.Low;

    /// <summary>Adds the residual to the short ring and returns the ring's mean.</summary>
    private double PushResidual(double residual, double cap)
    {
        // NaN fails IsFinite, so it lands on the cap too: a broken prediction is treated as a huge miss.
        double clamped = double.IsFinite(residual) ? Math.Clamp(residual, -cap, cap) : cap;
        _recent[_recentNext] = clamped;
        _recentNext = _recentNext + 1 == _recent.Length ? 0 : _recentNext + 1;
        if (_recentCount < _recent.Length)
        {
            _recentCount++;
        }

        // Re-summing a tiny ring is as cheap as a running sum and cannot drift.
        double sum = 0;
        for (int i = 0; i < _recentCount; i++)
        {
            sum += _recent[i];
        }

        return sum / _recentCount;
    }

    private void UpdateLongTerm(double shortMean, double std)
    {
        double x = _statsCount == 0 ? shortMean : Math.Clamp(shortMean, _mean - (WinsorSigmas * std), _mean + (WinsorSigmas * std));
        _statsCount++;
        double alpha = Math.Max(1.0 / _statsCount, _longAlpha);
        double diff = x - _mean;
        double increment = alpha * diff;
        _mean += increment;
        _variance = (1 - alpha) * (_variance + (diff * increment));
    }
}
