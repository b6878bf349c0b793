using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Model.Tests.Detection;

public sealed class LevelSignalTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const int UsualPoints = 3 * 288;
    private const int CollapsePoints = 144;

    // Three days of values anywhere between 50 and 100 every 5 minutes, then twelve hours sliding from 75 down to 0:
    // every step is half a unit, far within the noise the model misses by every step, and no day is like another.
    private static readonly Random Random11 = new(11);
    private static readonly double[] Noise = [.. Enumerable.Range(0, UsualPoints).Select(_ => Random11.NextDouble())];

    private static double Value(int i) =>
        i < UsualPoints ? 50 + (50 * Noise[i]) : 75 - (75.0 * (i - UsualPoints + 1) / CollapsePoints);

    private static List<DetectionResult> Run(int levelDays)
    {
        using var forecaster = new GruForecaster(new ModelOptions { WindowSize = 5, HiddenSize = 8 });
        var engine = new DetectionEngine(forecaster, new ScoringOptions { FlatlinePoints = 0, LevelDays = levelDays }, () => ScalerFactory.Create(ScalerKind.MinMax));
        var results = new DetectionResult[1];
        var all = new List<DetectionResult>();
        for (var i = 0; i < UsualPoints + CollapsePoints; i++)
        {
            engine.Process([new SensorPoint("s", Day0.AddMinutes(5 * i), Value(i))], results);
            all.Add(results[0]);
        }

        return all;
    }

    [Fact]
    public void A_slow_collapse_the_model_follows_is_flagged_by_its_level()
    {
        var withLevel = Run(levelDays: 7);
        var without = Run(levelDays: 0);

        var collapse = withLevel.Skip(UsualPoints).ToList();
        var firstFlag = collapse.FindIndex(r => r.IsAnomaly);
        // Flagged once the value lies more than half the last days' range below them (about 22), before the bottom.
        Assert.InRange(firstFlag, CollapsePoints / 2, 3 * CollapsePoints / 4);
        Assert.DoesNotContain(without.Skip(UsualPoints), r => r.IsAnomaly);
        // The usual days after the first raise nothing either way.
        Assert.DoesNotContain(withLevel.Skip(288).Take(UsualPoints - 288), r => r.IsAnomaly);
    }
}
