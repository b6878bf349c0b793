namespace Streaming.Model.Scoring;

/// <summary>Standard normal distribution functions, accurate in relative terms far into the tails.</summary>
public static class StandardNormal
{
    private const double InverseSqrt2 = 0.70710678118654752440;

    /// <summary>Φ(z) = P(Z ≤ z) for a standard normal Z. Via erfc so the lower tail keeps full relative accuracy.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z * InverseSqrt2);

    /// <summary>1 − Φ(z), computed directly: subtracting Cdf from 1 would lose every digit beyond z ≈ 8.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z * InverseSqrt2);

    /// <summary>
    /// Complementary error function with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes
    /// "erfcc"): enough for a 1e-4 threshold, branch-light and without loops for the hot path. NaN yields NaN.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418
            + (t * (-0.18628806 + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587
            + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        double tail = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? tail : 2.0 - tail;
    }
}
