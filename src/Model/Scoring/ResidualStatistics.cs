namespace Streaming.Model.Scoring;

/// <summary>
/// The statistics behind one residual z: the mean m of the last few signed residuals (a short ring) against the
/// exponentially weighted long-term mean μ and std σ of m; z = |m − μ| / max(σ, floor), all in the residuals' unit.
/// With a <see cref="StretchSpread"/>, σ is the spread of |m − μ| over the last few thousand points' stretches once
/// it has one, which a sustained incident cannot inflate.
/// </summary>
/// <remarks>
/// μ and σ² learn after each z, with alpha = max(1/k, 2/(LongWindow + 1)) for the k-th update (an exact running
/// mean/variance until the EW window is reached), from m winsorised to μ ± 4·max(σ, floor), so one spike does not
/// inflate σ and blind the series for thousands of points (statistics of the score itself learn from m as it is: an
/// incident should raise the bar for its own echoes). A mutable struct held in a field of its owner (no object
/// header per series and stream): never copy it, call it through the field.
/// </remarks>
internal struct ResidualStatistics
{
    private const double WinsorSigmas = 4;

    private readonly double _longAlpha;
    private readonly double[] _recent;
    private int _recentNext;
    private int _recentCount;
    private long _count;
    private double _mean;
    private double _variance;
    private readonly StretchSpread? _spread;
    private readonly double _winsorSigmas;

    public ResidualStatistics(int shortWindow, int longWindow, bool stretchSpread = false, bool winsorise = true)
    {
        _longAlpha = 2.0 / (longWindow + 1.0);
        _recent = new double[shortWindow];
        _spread = stretchSpread ? new StretchSpread() : null;
        _winsorSigmas = winsorise ? WinsorSigmas : double.PositiveInfinity;
    }

    /// <summary>Updates of the long-term statistics so far.</summary>
    public readonly long Count => _count;

    /// <summary>Long-term EW mean of the short-term mean residual.</summary>
    public readonly double Mean => _mean;

    /// <summary>Long-term EW std of the short-term mean residual, unfloored.</summary>
    public readonly double Std => Math.Sqrt(_variance);

    /// <summary>What the stretches' spread has learnt; null for statistics without one.</summary>
    public readonly StretchSpreadState? Spread => _spread?.Capture();

    /// <summary>
    /// Takes one residual (clamped to ±<paramref name="cap"/>; non-finite counts as the cap: a broken prediction is a
    /// huge miss) and then learns from it. Returns its deviation |m − μ| (0 for the first) and the std it is measured
    /// against, max(σ, <paramref name="floor"/>), both from the statistics before it: z = Deviation / Std.
    /// </summary>
    public (double Deviation, double Std) Next(double residual, double cap, double floor)
    {
        var (deviation, std) = NextSigned(residual, cap, floor);
        return (Math.Abs(deviation), std);
    }

    /// <summary>As <see cref="Next"/>, with the deviation signed: m − μ, positive when the short mean lies above the long one.</summary>
    public (double Deviation, double Std) NextSigned(double residual, double cap, double floor)
    {
        double shortMean = Push(double.IsFinite(residual) ? Math.Clamp(residual, -cap, cap) : cap);
        double scale = Scale(floor);
        double std = Math.Max(Math.Sqrt(_variance), floor);
        double deviation = _count == 0 ? 0 : shortMean - _mean;
        if (_count > 0)
        {
            _spread?.Record(Math.Abs(deviation));
        }

        // The EW statistics winsorise with their own σ: the spread only measures.
        double x = _count == 0 || double.IsPositiveInfinity(_winsorSigmas) ? shortMean
            : Math.Clamp(shortMean, _mean - (_winsorSigmas * std), _mean + (_winsorSigmas * std));
        _count++;
        double alpha = Math.Max(1.0 / _count, _longAlpha);
        double diff = x - _mean;
        double increment = alpha * diff;
        _mean += increment;
        _variance = (1 - alpha) * (_variance + (diff * increment));
        return (deviation, scale);
    }

    /// <summary>
    /// The residuals that the next <see cref="Next"/> would measure at exactly <paramref name="z"/> standard deviations
    /// below and above the mean, given the short ring as it is: the band outside which that residual alone reaches z.
    /// NaN before the first update (nothing to measure against).
    /// </summary>
    public readonly (double Low, double High) Band(double z, double floor)
    {
        if (_count == 0 || !double.IsFinite(z))
        {
            return (double.NaN, double.NaN);
        }

        // The next residual joins the ring, pushing its oldest entry out once the ring is full.
        bool full = _recentCount == _recent.Length;
        double kept = 0;
        for (int i = 0; i < _recentCount; i++)
        {
            if (!full || i != _recentNext)
            {
                kept += _recent[i];
            }
        }

        int count = full ? _recent.Length : _recentCount + 1;
        double reach = z * Scale(floor);
        return ((count * (_mean - reach)) - kept, (count * (_mean + reach)) - kept);
    }

    /// <summary>The statistics as plain numbers.</summary>
    public readonly ResidualStatisticsState Capture() => new(_count, _mean, _variance, [.. _recent], _recentNext, _recentCount) { Spread = Spread };

    /// <summary>
    /// Continues from a captured state. A ring of another length (ShortWindow changed since) is not carried over; the
    /// long-term statistics are. Throws <see cref="ArgumentException"/> on numbers no statistics could have.
    /// </summary>
    public void Restore(ResidualStatisticsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!IsValid(state))
        {
            throw new ArgumentException($"Not residual statistics: {state}.", nameof(state));
        }

        (_count, _mean, _variance) = (state.Count, state.Mean, state.Variance);
        bool sameRing = state.Recent.Length == _recent.Length && state.RecentCount <= _recent.Length && state.RecentNext < _recent.Length;
        Array.Clear(_recent);
        if (sameRing)
        {
            state.Recent.CopyTo(_recent, 0);
        }

        _recentNext = sameRing ? state.RecentNext : 0;
        _recentCount = sameRing ? state.RecentCount : 0;
        // A state without a spread (an older record, or statistics kept without one) starts it afresh.
        _spread?.Restore(state.Spread ?? StretchSpread.Empty);
    }

    /// <summary>Whether <paramref name="state"/> holds numbers that statistics could have.</summary>
    public static bool IsValid(ResidualStatisticsState state) =>
        state.Count >= 0 && double.IsFinite(state.Mean) && state.Variance >= 0 && double.IsFinite(state.Variance)
        && (state.Spread is null || StretchSpread.IsValid(state.Spread));

    // The std a deviation is measured against: the stretches' spread once there is one, else the EW σ.
    private readonly double Scale(double floor) =>
        Math.Max(_spread is { Std: var spread } && double.IsFinite(spread) ? spread : Math.Sqrt(_variance), floor);

    // Re-summing a tiny ring is as cheap as a running sum and cannot drift.
    private double Push(double residual)
    {
        _recent[_recentNext] = residual;
        _recentNext = _recentNext + 1 == _recent.Length ? 0 : _recentNext + 1;
        if (_recentCount < _recent.Length)
        {
            _recentCount++;
        }

        double sum = 0;
        for (int i = 0; i < _recentCount; i++)
        {
            sum += _recent[i];
        }

        return sum / _recentCount;
    }
}
