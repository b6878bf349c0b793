using System.Text;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Output;

/// <summary>
/// Pins the exact bytes of prediction and anomaly messages (written once with the original allocating serialiser, then
/// with the expected range added), so that a faster writer cannot change what consumers read: field order, number and
/// date formats, escaping.
/// </summary>
public class DetectionJsonWireFormatTests
{
    private static readonly DetectionResult Live = new(
        new SensorPoint("pump-7", new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 41.3),
        SeriesPhase.Live, 40.9, 0.4, new AnomalyScore(0.42, 0.2, false, AnomalySeverity.None) { ResidualBand = (-0.5, 0.5) });

    private static readonly DetectionResult Anomaly = new(
        new SensorPoint("tank \"7\"/é", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), -1e-7),
        SeriesPhase.Live, 1234567.891, -1234567.8910001, new AnomalyScore(0.123456789, 12.34567, true, AnomalySeverity.High));

    private static readonly DetectionResult Filling = new(
        new SensorPoint("s", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1), 0), SeriesPhase.Filling, null, double.NaN, default);

    private const string LiveJson =
        """{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3,"predicted":40.9,"residual":0.4,"lower":40.4,"upper":41.4,"score":0.42,"is_anomaly":false,"state":"live"}""";

    private const string AnomalyJson =
        """{"series":"tank \u00227\u0022/\u00E9","timestamp":"2026-01-02T03:04:05.678Z","value":-1E-07,"predicted":1234567.891,"residual":-1234567.8910001,"lower":null,"upper":null,"score":0.123457,"is_anomaly":true,"state":"live","severity":"high","z":12.346}""";

    private const string FillingJson =
        """{"series":"s","timestamp":"2026-01-02T03:04:05.0000001Z","value":0,"predicted":null,"residual":null,"lower":null,"upper":null,"score":0,"is_anomaly":false,"state":"filling"}""";

    [Theory]
    [InlineData(0, false, LiveJson)]
    [InlineData(1, true, AnomalyJson)]
    [InlineData(2, false, FillingJson)]
    public void The_message_bytes_are_unchanged(int which, bool withSeverity, string expected)
    {
        var detection = which switch { 0 => Live, 1 => Anomaly, _ => Filling };
        Assert.Equal(expected, Encoding.UTF8.GetString(DetectionJson.Serialize(detection, withSeverity)));
    }

    [Fact]
    public void One_writer_reused_across_messages_writes_each_as_a_fresh_one_would()
    {
        using var writer = new DetectionJsonWriter();
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(AnomalyJson, Encoding.UTF8.GetString(writer.Serialize(Anomaly, true)));
            Assert.Equal(LiveJson, Encoding.UTF8.GetString(writer.Serialize(Live, false)));
            Assert.Equal(FillingJson, Encoding.UTF8.GetString(writer.Serialize(Filling, false)));
        }
    }
}
