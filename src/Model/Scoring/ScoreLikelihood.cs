namespace Streaming.Model.Scoring;

/// <summary>
/// HTM's anomaly likelihood over one series' scores (see <see cref="ResidualScorer"/>): the mean of its last
/// <see cref="ResidualScorer.LikelihoodWindow"/> scores against the long-term EW mean and variance of that mean (not
/// winsorised: an incident should raise the bar for its own echoes; the variance floored at
/// <see cref="ResidualScorer.LikelihoodMinVariance"/>). The upper tail probability p of its z scores
/// log(p) / log(<see cref="ResidualScorer.LikelihoodTailFloor"/>), in [0, 1]: a mean below the usual is no incident.
/// A mutable struct held in a field of its owner: never copy it, call it through the field.
/// </summary>
internal struct ScoreLikelihood
{
    private static readonly double MinStd = Math.Sqrt(ResidualScorer.LikelihoodMinVariance);

    private readonly int _warmup;
    private ResidualStatistics _scores;

    public ScoreLikelihood(int longWindow)
    {
        _scores = new ResidualStatistics(ResidualScorer.LikelihoodWindow, longWindow, winsorise: false);
        // One time constant of the long-term statistics (alpha = 2 / (LongWindow + 1)) before they judge.
        _warmup = longWindow / 2;
    }

    /// <summary>Scores taken so far.</summary>
    public readonly long Count => _scores.Count;

    /// <summary>Takes one score and returns its likelihood signal, judged by the statistics from before it (0 until they have settled).</summary>
    public double Next(double score)
    {
        bool settled = _scores.Count >= _warmup;
        var (deviation, std) = _scores.NextSigned(score, 1, MinStd);
        if (!settled)
        {
            return 0;
        }

        double tail = StandardNormal.UpperTail(deviation / std);
        return Math.Max(0, Math.Log(ResidualScorer.LikelihoodTailFloor + tail) / Math.Log(ResidualScorer.LikelihoodTailFloor));
    }

    /// <summary>The statistics as plain numbers.</summary>
    public readonly ResidualStatisticsState Capture() => _scores.Capture();

    /// <summary>Continues from captured statistics (see <see cref="ResidualStatistics.Restore"/>).</summary>
    public void Restore(ResidualStatisticsState state) => _scores.Restore(state);
}
