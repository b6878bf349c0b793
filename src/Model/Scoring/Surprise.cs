namespace Streaming.Model.Scoring;

/// <summary>
/// How surprising a z is, as a score in [0, <see cref="Ceiling"/>): s / (s + half) × Ceiling with s = −log10(two-sided
/// Gaussian tail probability of z). Unlike 1 − p it does not crowd every large z at 1.0, so a single threshold still
/// ranks a 6σ and a 20σ miss, and it stays below an out-of-range value's 1.0. The residual, day-ago and week-ago
/// signals of <see cref="ResidualScorer"/> are such scores.
/// </summary>
public static class Surprise
{
    /// <summary>Surprise (−log10 p) at which a score is half its ceiling.</summary>
    public const double Half = 10;

    /// <summary>Ceiling of a surprise score (and of the level signal), just below an out-of-range value's 1.</summary>
    public const double Ceiling = 0.999;

    // Beyond it the tail underflows to 0: the surprise is capped there rather than log(0) taken.
    private const double LargestZ = 38;

    /// <summary>
    /// The score of <paramref name="z"/>, half its ceiling at a surprise of <paramref name="half"/> (a coarse
    /// forecast takes a smaller half, so less surprise counts).
    /// </summary>
    public static double Score(double z, double half = Half)
    {
        double surprise = -Math.Log10(Math.Max(2 * StandardNormal.UpperTail(z), 1e-300));
        surprise = Math.Max(surprise, 0);
        return Ceiling * surprise / (surprise + half);
    }

    /// <summary>The z at which <see cref="Score"/> (at <see cref="Half"/>) reaches <paramref name="score"/>; infinity when it never does.</summary>
    public static double ZAt(double score)
    {
        if (!(score < Score(LargestZ)))
        {
            return double.PositiveInfinity;
        }

        // The score rises with z: bisect.
        double low = 0, high = LargestZ;
        for (int i = 0; i < 100; i++)
        {
            double mid = (low + high) / 2;
            (low, high) = Score(mid) < score ? (mid, high) : (low, mid);
        }

        return high;
    }
}
