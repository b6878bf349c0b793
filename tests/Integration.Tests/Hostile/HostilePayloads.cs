using System.Globalization;
using System.Text;

namespace Streaming.Integration.Tests.Hostile;

/// <summary>
/// Generates hostile inputs, seeded: invalid UTF-8, truncated and deeply nested JSON, wrong types, numbers beyond
/// double's range, "NaN"/"Infinity", missing or oversized series ids, oversize payloads, empty and null values.
/// </summary>
public static class HostilePayloads
{
    /// <summary>
    /// The payload limit the test gives the worker. Oversize payloads only just exceed it: the embedded broker keeps
    /// about 5 MiB per partition, and thousands of 64 KB+ payloads would push unread valid points out of it.
    /// </summary>
    public const int MaxPayloadBytes = 4096;

    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The kinds generated in turn.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "invalid-utf8", "truncated-json", "deep-nesting", "wrong-type", "huge-number", "nan-or-infinity",
        "no-series", "huge-key", "oversize", "empty", "null-value", "not-an-object",
    ];

    /// <summary><paramref name="count"/> payloads, kinds in turn, with random details from <paramref name="seed"/>.</summary>
    public static IEnumerable<HostilePayload> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Count];
            var series = Series(random);
            var key = Utf8(series);
            yield return kind switch
            {
                "invalid-utf8" => new(kind, key, [.. "{\"timestamp\":1,\"value\":1,\"note\":\""u8, 0xFF, (byte)random.Next(0x80, 0xC0), .. "\"}"u8]),
                "truncated-json" => Truncated(kind, series, random),
                "deep-nesting" => new(kind, key, Utf8("{\"value\":" + new string('[', 200 + random.Next(800)) + "1")),
                "wrong-type" => new(kind, key, Utf8(WrongType(random))),
                "huge-number" => new(kind, key, Utf8(Point(series, "1e" + random.Next(309, 5000).ToString(CultureInfo.InvariantCulture)))),
                "nan-or-infinity" => new(kind, key, Utf8(Point(series, random.Next(3) switch { 0 => "\"NaN\"", 1 => "\"Infinity\"", _ => "NaN" }))),
                "no-series" => new(kind, random.Next(2) == 0 ? null : [], Utf8("{\"timestamp\":1,\"value\":1}")),
                "huge-key" => new(kind, Utf8(new string('k', 300 + random.Next(5000))), Utf8("{\"timestamp\":1,\"value\":1}")),
                "oversize" => new(kind, key, Utf8(Point(series, "1", pad: MaxPayloadBytes + random.Next(4_000)))),
                "empty" => new(kind, key, []),
                "null-value" => new(kind, key, null),
                _ => new(kind, key, Utf8(random.Next(2) == 0 ? "[1,2,3]" : "\"just a string\"")),
            };
        }
    }

    private static HostilePayload Truncated(string kind, string series, Random random)
    {
        var whole = Point(series, "12.5");
        return new(kind, Utf8(series), Utf8(whole[..random.Next(1, whole.Length - 1)]));
    }

    private static string WrongType(Random random) => random.Next(4) switch
    {
        0 => "{\"timestamp\":1,\"value\":\"twelve\"}",
        1 => "{\"timestamp\":1,\"value\":{\"v\":1}}",
        2 => "{\"timestamp\":true,\"value\":1}",
        _ => "{\"series\":17,\"timestamp\":1,\"value\":1}",
    };

    private static string Point(string series, string value, int pad = 0) =>
        $"{{\"series\":\"{series}\",\"timestamp\":\"{Origin:yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{value}" + (pad > 0 ? $",\"pad\":\"{new string('x', pad)}\"" : "") + "}";

    // Spread over many keys, hence partitions: the embedded broker keeps only about 5 MiB per partition.
    private static string Series(Random random) => "bad-" + random.Next(64).ToString(CultureInfo.InvariantCulture);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
