using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Json.Schema;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Output;

/// <summary>
/// The message contract in docs/schemas against what the worker writes: the JSON writer's output in every state, anomaly
/// messages, dead-letter headers as the publisher builds them, the input the decoder accepts, and the README's examples.
/// Each schema must also refuse a message that breaks it, or these checks would prove nothing.
/// </summary>
public partial class MessageSchemaTests
{
    private static readonly JsonSchema Point = Load("point");
    private static readonly JsonSchema Prediction = Load("prediction");
    private static readonly JsonSchema Anomaly = Load("anomaly");
    private static readonly JsonSchema DeadLetterHeaders = Load("dead-letter-headers");
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> States => ["filling", "warming-up", "live", "duplicate", "late"];

    [Theory]
    [MemberData(nameof(States))]
    public void Every_state_the_writer_writes_is_a_valid_prediction(string state)
    {
        foreach (var detection in Detections(state))
        {
            AssertValid(Prediction, DetectionJson.Serialize(detection, includeSeverity: false));
            // A prediction is not an anomaly message: the anomaly schema needs severity and z.
            AssertInvalid(Anomaly, DetectionJson.Serialize(detection, includeSeverity: false));
        }
    }

    [Theory]
    [InlineData(AnomalySeverity.Low)]
    [InlineData(AnomalySeverity.Medium)]
    [InlineData(AnomalySeverity.High)]
    public void A_flagged_point_is_a_valid_anomaly_message(AnomalySeverity severity)
    {
        var flagged = new DetectionResult(new SensorPoint("pump,\"7\"", At, 63), SeriesPhase.Live, 41.2, 21.8, new AnomalyScore(1, 14.2, true, severity));
        AssertValid(Anomaly, DetectionJson.Serialize(flagged, includeSeverity: true));
        // The same point without severity and z, as the predictions topic carries it.
        AssertValid(Prediction, DetectionJson.Serialize(flagged, includeSeverity: false));
    }

    [Theory]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0.5,"is_anomaly":false,"state":"alive"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":1.5,"is_anomaly":false,"state":"live"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0.5,"is_anomaly":false}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0.5,"is_anomaly":false,"state":"live","extra":1}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0,"is_anomaly":false,"state":"filling"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0.9,"is_anomaly":true,"state":"late"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":0.9,"is_anomaly":true,"state":"warming-up"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28 12:00:00","value":1,"predicted":1,"residual":0,"score":0.5,"is_anomaly":false,"state":"live"}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":"1","predicted":1,"residual":0,"score":0.5,"is_anomaly":false,"state":"live"}""")]
    public void A_wrong_prediction_is_refused(string json) => AssertInvalid(Prediction, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":1,"is_anomaly":true,"state":"live","severity":"none","z":3}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":1,"is_anomaly":false,"state":"live","severity":"low","z":3}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":1,"is_anomaly":true,"state":"warming-up","severity":"low","z":3}""")]
    [InlineData("""{"series":"s","timestamp":"2026-11-28T12:00:00Z","value":1,"predicted":1,"residual":0,"score":1,"is_anomaly":true,"state":"live","severity":"low"}""")]
    public void A_wrong_anomaly_is_refused(string json) => AssertInvalid(Anomaly, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(DecodeErrorKind.MalformedJson, 100, false)]
    [InlineData(DecodeErrorKind.SeriesKeyMismatch, 40, true)]
    [InlineData(DecodeErrorKind.PayloadTooLarge, OutputPublisher.DeadLetterMaxValueBytes + 10, false)]
    public void Dead_letter_headers_as_the_publisher_builds_them_are_valid(DecodeErrorKind error, int valueBytes, bool withOwnHeader)
    {
        var own = withOwnHeader ? new Headers { { "traceparent", Encoding.UTF8.GetBytes("00-abc-def-01") } } : null;
        var source = new InboundRecord(new TopicPartitionOffset("sensor-points", 7, 12345), Encoding.UTF8.GetBytes("pump-7"), new byte[valueBytes], own,
            DecodeResult.Failure(error, "what is wrong, in a sentence"));
        var message = OutputPublisher.DeadLetter(source, new SourceHeaders());
        var headers = HeadersAsJson(message.Headers);
        AssertValid(DeadLetterHeaders, headers);
        var parsed = JsonDocument.Parse(headers).RootElement;
        Assert.Equal(DecodeErrorCodes.ToCode(error), parsed.GetProperty("dlq.error").GetString());
        Assert.Equal(valueBytes > OutputPublisher.DeadLetterMaxValueBytes, parsed.TryGetProperty("dlq.truncated-from", out _));
    }

    [Theory]
    [InlineData("""{"dlq.error":"no-such-code","dlq.reason":"x","source.topic":"t","source.partition":"0","source.offset":"1"}""")]
    [InlineData("""{"dlq.error":"malformed-json","source.topic":"t","source.partition":"0","source.offset":"1"}""")]
    [InlineData("""{"dlq.error":"malformed-json","dlq.reason":"x","source.topic":"t","source.partition":"-1","source.offset":"1"}""")]
    [InlineData("""{"dlq.error":"malformed-json","dlq.reason":"x","source.topic":"t","source.partition":"0","source.offset":"1","dlq.truncated-from":"big"}""")]
    public void Wrong_dead_letter_headers_are_refused(string json) => AssertInvalid(DeadLetterHeaders, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Every_error_code_the_decoder_has_is_in_the_dead_letter_schema()
    {
        var inSchema = JsonDocument.Parse(RepositoryFiles.Read("docs/schemas/dead-letter-headers.schema.json")).RootElement
            .GetProperty("properties").GetProperty("dlq.error").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var codes = Enum.GetValues<DecodeErrorKind>().Where(k => k != DecodeErrorKind.None).Select(DecodeErrorCodes.ToCode).ToHashSet();
        Assert.Equal(codes, inSchema);
    }

    [Theory]
    [InlineData("""{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3}""")]
    [InlineData("""{"series":"pump-7","timestamp":1764331200000,"value":-1e-3,"unit":"bar"}""")]
    [InlineData("""{"value":7}""")]
    public void Input_the_decoder_accepts_is_a_valid_point(string json)
    {
        Assert.True(new PointDecoder(65536, 256).Decode(Encoding.UTF8.GetBytes("pump-7"), Encoding.UTF8.GetBytes(json), false, At).IsValid, json);
        AssertValid(Point, Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [InlineData("""{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z"}""")]
    [InlineData("""{"series":"pump-7","value":"41.3"}""")]
    [InlineData("""{"series":"","value":1}""")]
    [InlineData("""{"series":"a\u0001b","value":1}""")]
    [InlineData("""{"series":"pump-7","timestamp":true,"value":1}""")]
    [InlineData("""[1,2]""")]
    public void Input_the_decoder_refuses_for_its_shape_is_refused_by_the_schema_too(string json)
    {
        Assert.False(new PointDecoder(65536, 256).Decode(Encoding.UTF8.GetBytes("pump-7"), Encoding.UTF8.GetBytes(json), false, At).IsValid, json);
        AssertInvalid(Point, Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void The_readme_examples_are_valid_and_each_schema_is_linked_from_the_message_contract()
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf("## Message contract", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal)];
        var examples = JsonBlock().Matches(section).Select(m => m.Groups["json"].Value).ToList();
        Assert.Equal(3, examples.Count);
        AssertValid(Point, Encoding.UTF8.GetBytes(examples[0]));
        AssertValid(Prediction, Encoding.UTF8.GetBytes(examples[1]));
        AssertValid(Anomaly, Encoding.UTF8.GetBytes(examples[2]));
        foreach (var name in new[] { "point", "prediction", "anomaly", "dead-letter-headers" })
        {
            Assert.Contains($"(docs/schemas/{name}.schema.json)", section, StringComparison.Ordinal);
        }
    }

    // What the writer produces in a state, including the edge values it must still write validly.
    private static IEnumerable<DetectionResult> Detections(string state)
    {
        var point = new SensorPoint("tank \"7\",é", At.AddTicks(1), -1e-7);
        return state switch
        {
            "filling" => [new(point, SeriesPhase.Filling, null, null, default)],
            "warming-up" => [new(point, SeriesPhase.WarmingUp, 40.9, 0.4, new AnomalyScore(0.999, 2, false, AnomalySeverity.None))],
            "live" =>
            [
                new(point, SeriesPhase.Live, 40.9, 0.4, new AnomalyScore(0.42, 0.2, false, AnomalySeverity.None)),
                new(point, SeriesPhase.Live, 40.9, 0.4, new AnomalyScore(0.9, 12, true, AnomalySeverity.High)),
                new(point with { Value = 1e308 }, SeriesPhase.Live, double.PositiveInfinity, double.NaN, default),
            ],
            "duplicate" => [new(point, SeriesPhase.Duplicate, 40.9, 0.4, default), new(point, SeriesPhase.Duplicate, null, null, default)],
            _ => [new(point, SeriesPhase.Late, 40.9, 0.4, default), new(point, SeriesPhase.Late, null, null, default)],
        };
    }

    private static byte[] HeadersAsJson(Headers headers)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var header in headers)
            {
                json.WriteString(header.Key, Encoding.UTF8.GetString(header.GetValueBytes()));
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void AssertValid(JsonSchema schema, byte[] message)
    {
        var result = Evaluate(schema, message);
        Assert.True(result.IsValid, $"{Encoding.UTF8.GetString(message)}\n{Errors(result)}");
    }

    private static void AssertInvalid(JsonSchema schema, byte[] message) =>
        Assert.False(Evaluate(schema, message).IsValid, $"accepted: {Encoding.UTF8.GetString(message)}");

    private static EvaluationResults Evaluate(JsonSchema schema, byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        return schema.Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));

    private static JsonSchema Load(string name) => JsonSchema.FromText(RepositoryFiles.Read($"docs/schemas/{name}.schema.json"));

    [GeneratedRegex(@"```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
