using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Scoring;

public sealed class ResidualBandTests
{
    private static readonly ScoringOptions Options = new() { WarmupPoints = 50 };

    // Three scorers fed the same residuals are in the same state: one gives the band, the others score just inside
    // and just outside it.
    private static ResidualScorer Fed(int points)
    {
        var scorer = new ResidualScorer(Options);
        var random = new Random(7);
        for (int i = 0; i < points; i++)
        {
            scorer.Score((random.NextDouble() - 0.5) * 2, span: 10);
        }

        return scorer;
    }

    [Fact]
    public void The_band_is_where_the_residual_alone_reaches_the_threshold()
    {
        var band = Fed(400).Score(0, span: 10).ResidualBand;
        Assert.True(band.Low < 0 && band.High > 0, $"band {band}");

        foreach (var (edge, outward) in new[] { (band.High, 1.0), (band.Low, -1.0) })
        {
            double margin = 0.01 * (band.High - band.Low);
            var inside = Fed(400).Score(edge - (outward * margin), span: 10);
            var outside = Fed(400).Score(edge + (outward * margin), span: 10);
            Assert.True(inside.Parts.Residual < Options.Threshold, $"{edge - (outward * margin)} inside the band scored {inside.Parts.Residual}");
            Assert.True(outside.Parts.Residual >= Options.Threshold, $"{edge + (outward * margin)} outside the band scored {outside.Parts.Residual}");
        }
    }

    [Fact]
    public void A_series_still_warming_up_has_no_band()
    {
        var band = Fed(10).Score(0, span: 10).ResidualBand;
        Assert.True(double.IsNaN(band.Low) && double.IsNaN(band.High));
    }
}
