using System.Text.Json;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Output;

public class DetectionJsonTests
{
    private static readonly SensorPoint Point = new("pump-7", new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 41.3);

    [Fact]
    public void A_prediction_carries_the_contract_fields()
    {
        var detection = new DetectionResult(Point, SeriesPhase.Live, 40.9, 0.4, new AnomalyScore(0.42, 0.2, false, AnomalySeverity.None) { ResidualBand = (-2.5, 2.25) });
        using var doc = JsonDocument.Parse(DetectionJson.Serialize(detection, includeSeverity: false));
        var root = doc.RootElement;
        Assert.Equal("pump-7", root.GetProperty("series").GetString());
        Assert.Equal(Point.Timestamp, root.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(41.3, root.GetProperty("value").GetDouble());
        Assert.Equal(40.9, root.GetProperty("predicted").GetDouble());
        Assert.Equal(0.4, root.GetProperty("residual").GetDouble());
        Assert.Equal(38.4, root.GetProperty("lower").GetDouble(), 9);
        Assert.Equal(43.15, root.GetProperty("upper").GetDouble(), 9);
        Assert.Equal(0.42, root.GetProperty("score").GetDouble());
        Assert.False(root.GetProperty("is_anomaly").GetBoolean());
        Assert.Equal("live", root.GetProperty("state").GetString());
        Assert.False(root.TryGetProperty("severity", out _));
    }

    [Fact]
    public void A_filling_point_has_null_prediction_and_residual()
    {
        var detection = new DetectionResult(Point, SeriesPhase.Filling, null, null, default);
        using var doc = JsonDocument.Parse(DetectionJson.Serialize(detection, includeSeverity: false));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("predicted").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("residual").ValueKind);
        Assert.Equal("filling", doc.RootElement.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(SeriesPhase.Duplicate, "duplicate")]
    [InlineData(SeriesPhase.Late, "late")]
    public void A_duplicate_or_late_point_names_its_kind_in_state_and_is_never_an_anomaly(SeriesPhase phase, string state)
    {
        var detection = new DetectionResult(Point, phase, 40.9, 0.4, default);
        using var doc = JsonDocument.Parse(DetectionJson.Serialize(detection, includeSeverity: false));
        Assert.Equal(state, doc.RootElement.GetProperty("state").GetString());
        Assert.Equal(40.9, doc.RootElement.GetProperty("predicted").GetDouble());
        Assert.False(doc.RootElement.GetProperty("is_anomaly").GetBoolean());
    }

    [Theory]
    [InlineData(SeriesPhase.WarmingUp)]
    [InlineData(SeriesPhase.Duplicate)]
    [InlineData(SeriesPhase.Late)]
    public void Only_a_live_point_claims_an_expected_range(SeriesPhase phase)
    {
        // A band on the score too: the phase alone decides (a duplicate's score is a placeholder).
        var detection = new DetectionResult(Point, phase, 40.9, 0.4, new AnomalyScore(0.1, 0.2, false, AnomalySeverity.None) { ResidualBand = (-1, 1) });
        using var doc = JsonDocument.Parse(DetectionJson.Serialize(detection, includeSeverity: false));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("lower").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("upper").ValueKind);
    }

    [Fact]
    public void An_anomaly_adds_severity_and_z()
    {
        var detection = new DetectionResult(Point, SeriesPhase.Live, 20, 21.3, new AnomalyScore(0.99999, 12.5, true, AnomalySeverity.High));
        using var doc = JsonDocument.Parse(DetectionJson.Serialize(detection, includeSeverity: true));
        Assert.True(doc.RootElement.GetProperty("is_anomaly").GetBoolean());
        Assert.Equal("high", doc.RootElement.GetProperty("severity").GetString());
        Assert.Equal(12.5, doc.RootElement.GetProperty("z").GetDouble());
    }
}
