using System.Text;
using Streaming.Ingest.Decoding;

namespace Streaming.Ingest.Tests.Decoding;

public class PointDecoderTests
{
    private static readonly DateTimeOffset KafkaTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly PointDecoder _decoder = new();

    private DecodeResult Decode(string json, string? key = null, DateTimeOffset? fallback = null) =>
        _decoder.Decode(key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(json), false, fallback);

    [Fact]
    public void Iso_timestamp_with_Z()
    {
        var r = Decode("""{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("pump-7", r.Point.SeriesId);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), r.Point.Timestamp);
        Assert.Equal(TimeSpan.Zero, r.Point.Timestamp.Offset);
        Assert.Equal(41.3, r.Point.Value);
        Assert.Null(r.Detail);
    }

    [Fact]
    public void Iso_timestamp_with_offset_is_converted_to_utc()
    {
        var r = Decode("""{"series":"s","timestamp":"2026-11-28T12:00:00.250+02:00","value":1}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, 250, TimeSpan.Zero), r.Point.Timestamp);
        Assert.Equal(TimeSpan.Zero, r.Point.Timestamp.Offset);
    }

    [Fact]
    public void Iso_timestamp_without_offset_is_utc()
    {
        var r = Decode("""{"series":"s","timestamp":"2026-11-28T12:00:00","value":1}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), r.Point.Timestamp);
    }

    [Fact]
    public void Escaped_iso_timestamp_is_parsed()
    {
        var r = Decode("""{"series":"s","timestamp":"2026-11-28T12\u003A00:00Z","value":1}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), r.Point.Timestamp);
    }

    [Theory]
    [InlineData("1795867200000", 0)]
    [InlineData("1795867200000.5", 5000)]
    [InlineData("0", -1795867200000L * 10_000)]
    public void Epoch_milliseconds(string ms, long extraTicks)
    {
        var r = Decode($$"""{"series":"s","timestamp":{{ms}},"value":1}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero).AddTicks(extraTicks), r.Point.Timestamp);
    }

    [Fact]
    public void Key_only_supplies_the_series()
    {
        var r = Decode("""{"timestamp":"2026-11-28T12:00:00Z","value":-2.5e3}""", key: "pump-7");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("pump-7", r.Point.SeriesId);
        Assert.Equal(-2500, r.Point.Value);
    }

    [Fact]
    public void Series_only_without_key()
    {
        var r = Decode("""{"series":"pümp-7 ✓","timestamp":"2026-11-28T12:00:00Z","value":0}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("pümp-7 ✓", r.Point.SeriesId);
    }

    [Fact]
    public void Series_equal_to_key_even_when_escaped()
    {
        var r = Decode("""{"series":"pump\u002D7","timestamp":"2026-11-28T12:00:00Z","value":1}""", key: "pump-7");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("pump-7", r.Point.SeriesId);
    }

    [Fact]
    public void Empty_key_counts_as_no_key()
    {
        var r = _decoder.Decode([], """{"series":"s","value":1}"""u8, false, KafkaTime);
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("s", r.Point.SeriesId);
    }

    [Fact]
    public void Unknown_fields_are_skipped_even_nested()
    {
        var r = Decode("""{"meta":{"a":[1,2,{"b":null}],"c":"value"},"series":"s","value":7,"tags":["x"],"timestamp":"2026-11-28T12:00:00Z","more":true}""");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(7, r.Point.Value);
    }

    [Fact]
    public void Extra_whitespace_is_fine()
    {
        var r = Decode(" \r\n\t{ \"series\" : \"s\" ,\n \"value\" :\t1.5 , \"timestamp\" : \"2026-11-28T12:00:00Z\" }\n ");
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(1.5, r.Point.Value);
    }

    [Fact]
    public void Missing_timestamp_falls_back_to_kafka_timestamp_in_utc()
    {
        var r = Decode("""{"series":"s","value":1}""", fallback: KafkaTime.ToOffset(TimeSpan.FromHours(5)));
        Assert.True(r.IsValid, r.Detail);
        Assert.Equal(KafkaTime, r.Point.Timestamp);
        Assert.Equal(TimeSpan.Zero, r.Point.Timestamp.Offset);
    }

    [Fact]
    public void Json_timestamp_wins_over_fallback()
    {
        var r = Decode("""{"series":"s","value":1,"timestamp":"2026-11-28T12:00:00Z"}""", fallback: KafkaTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), r.Point.Timestamp);
    }

    [Fact]
    public void Null_value_is_empty_payload()
    {
        var r = _decoder.Decode(null, default, true, KafkaTime);
        Assert.Equal(DecodeErrorKind.EmptyPayload, r.Error);
        Assert.False(r.IsValid);
        Assert.False(string.IsNullOrEmpty(r.Detail));
    }

    [Fact]
    public void Oversized_payload_is_rejected_before_parsing()
    {
        var small = new PointDecoder(maxPayloadBytes: 16);
        var r = small.Decode(null, Encoding.UTF8.GetBytes("""{"series":"s","value":1}"""), false, KafkaTime);
        Assert.Equal(DecodeErrorKind.PayloadTooLarge, r.Error);
    }

    [Fact]
    public void Invalid_utf8_payload()
    {
        byte[] bytes = [.. "{\"series\":\"s"u8, 0xC3, 0x28, .. "\",\"value\":1}"u8];
        Assert.Equal(DecodeErrorKind.InvalidUtf8, _decoder.Decode(null, bytes, false, KafkaTime).Error);
    }

    [Fact]
    public void Invalid_utf8_key_is_invalid_series()
    {
        var r = _decoder.Decode([0xFF, 0xFE], """{"value":1}"""u8, false, KafkaTime);
        Assert.Equal(DecodeErrorKind.InvalidSeries, r.Error);
    }

    [Theory]
    [InlineData("""{"series":"s","value":1""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":1,}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":1} x""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":1}{}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":'s',"value":1}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":1 /* c */}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s\x","value":1}""", DecodeErrorKind.MalformedJson)]
    [InlineData("   ", DecodeErrorKind.MalformedJson)]
    [InlineData("[1,2]", DecodeErrorKind.NotAnObject)]
    [InlineData("\"text\"", DecodeErrorKind.NotAnObject)]
    [InlineData("42", DecodeErrorKind.NotAnObject)]
    [InlineData("null", DecodeErrorKind.NotAnObject)]
    [InlineData("""{"series":"s","series":"s","value":1}""", DecodeErrorKind.DuplicateField)]
    [InlineData("""{"series":"s","value":1,"value":2}""", DecodeErrorKind.DuplicateField)]
    [InlineData("""{"series":"s","value":1,"timestamp":0,"timestamp":0}""", DecodeErrorKind.DuplicateField)]
    [InlineData("""{"value":1}""", DecodeErrorKind.MissingSeries)]
    [InlineData("""{"series":"","value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":"a\u0007b","value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":"a\nb","value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":7,"value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":null,"value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":["s"],"value":1}""", DecodeErrorKind.InvalidSeries)]
    [InlineData("""{"series":"s"}""", DecodeErrorKind.MissingValue)]
    [InlineData("""{"series":"s","value":"41.3"}""", DecodeErrorKind.InvalidValue)]
    [InlineData("""{"series":"s","value":null}""", DecodeErrorKind.InvalidValue)]
    [InlineData("""{"series":"s","value":true}""", DecodeErrorKind.InvalidValue)]
    [InlineData("""{"series":"s","value":{"v":1}}""", DecodeErrorKind.InvalidValue)]
    [InlineData("""{"series":"s","value":[1]}""", DecodeErrorKind.InvalidValue)]
    [InlineData("""{"series":"s","value":"NaN"}""", DecodeErrorKind.NonFiniteValue)]
    [InlineData("""{"series":"s","value":"Infinity"}""", DecodeErrorKind.NonFiniteValue)]
    [InlineData("""{"series":"s","value":"-Infinity"}""", DecodeErrorKind.NonFiniteValue)]
    [InlineData("""{"series":"s","value":1e400}""", DecodeErrorKind.NonFiniteValue)]
    [InlineData("""{"series":"s","value":-1e400}""", DecodeErrorKind.NonFiniteValue)]
    [InlineData("""{"series":"s","value":NaN}""", DecodeErrorKind.MalformedJson)]
    [InlineData("""{"series":"s","value":1,"timestamp":"yesterday"}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":"2026-13-01T00:00:00Z"}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":"2026-11-28T25:00:00Z"}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":""}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":-1}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":253402300800000}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":1e300}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":1e400}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":true}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":null}""", DecodeErrorKind.InvalidTimestamp)]
    [InlineData("""{"series":"s","value":1,"timestamp":{}}""", DecodeErrorKind.InvalidTimestamp)]
    public void Bad_payloads_report_their_kind(string json, DecodeErrorKind expected)
    {
        var r = Decode(json, fallback: KafkaTime);
        Assert.Equal(expected, r.Error);
        Assert.False(r.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(r.Detail));
    }

    [Fact]
    public void Missing_timestamp_without_fallback()
    {
        Assert.Equal(DecodeErrorKind.MissingTimestamp, Decode("""{"series":"s","value":1}""").Error);
    }

    [Fact]
    public void Series_differing_from_key_is_a_mismatch()
    {
        var r = Decode("""{"series":"pump-8","value":1}""", key: "pump-7", fallback: KafkaTime);
        Assert.Equal(DecodeErrorKind.SeriesKeyMismatch, r.Error);
    }

    [Theory]
    [InlineData("a\u0001")]
    [InlineData("a\u0085")]
    public void Key_with_control_characters_is_invalid_series(string key)
    {
        var r = _decoder.Decode(Encoding.UTF8.GetBytes(key), """{"value":1}"""u8, false, KafkaTime);
        Assert.Equal(DecodeErrorKind.InvalidSeries, r.Error);
    }

    [Fact]
    public void Series_length_limit_applies_to_key_and_json()
    {
        var decoder = new PointDecoder(maxSeriesIdLength: 4);
        Assert.True(decoder.Decode(null, """{"series":"abcd","value":1}"""u8, false, KafkaTime).IsValid);
        Assert.Equal(DecodeErrorKind.InvalidSeries, decoder.Decode(null, """{"series":"abcde","value":1}"""u8, false, KafkaTime).Error);
        Assert.Equal(DecodeErrorKind.InvalidSeries, decoder.Decode("abcde"u8.ToArray(), """{"value":1}"""u8, false, KafkaTime).Error);
        Assert.True(decoder.Decode("äöüß"u8.ToArray(), """{"value":1}"""u8, false, KafkaTime).IsValid);
    }

    [Fact]
    public void Lone_surrogate_escape_in_series_does_not_throw()
    {
        var r = Decode("""{"series":"\ud800","value":1}""", fallback: KafkaTime);
        Assert.False(r.IsValid);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_malformed()
    {
        string deep = new string('[', 100) + new string(']', 100);
        var r = Decode($$"""{"series":"s","value":1,"x":{{deep}}}""", fallback: KafkaTime);
        Assert.Equal(DecodeErrorKind.MalformedJson, r.Error);
    }

    [Fact]
    public void Mismatch_detail_is_human_readable()
    {
        var r = Decode("""{"series":"s","value":"41.3"}""", fallback: KafkaTime);
        Assert.Equal("'value' must be a JSON number, got String", r.Detail);
    }

    [Fact]
    public void Keyed_success_path_allocates_only_the_series_id()
    {
        byte[] key = "pump-7"u8.ToArray();
        byte[] payload = """{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3}"""u8.ToArray();
        for (int i = 0; i < 100; i++)
        {
            _decoder.Decode(key, payload, false, null);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(_decoder.Decode(key, payload, false, null).IsValid);
        }

        // A 6-char string is 40 bytes on x64; anything more would mean a hidden per-message allocation.
        long perDecode = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
        Assert.True(perDecode <= 40, $"{perDecode} bytes per decode");
    }
}
