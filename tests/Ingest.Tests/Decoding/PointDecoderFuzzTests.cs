using System.Text;
using Streaming.Ingest.Decoding;

namespace Streaming.Ingest.Tests.Decoding;

public class PointDecoderFuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"series":"pump-7","timestamp":"2026-11-28T12:00:00Z","value":41.3}""",
        """{"timestamp":1795867200000,"value":-1e-3,"meta":{"a":[1,{"b":"c"}]}}""",
        """{"series":"s\u00e9","value":"NaN","timestamp":"2026-11-28T12:00:00+02:00"}""",
        """[{"value":1}]""",
    ];

    private static readonly byte[] Interesting = "{}[]\":,\\0123456789.eE+-ntfu \n\u00ff"u8.ToArray();

    [Fact]
    public void Random_and_mutated_payloads_never_throw_and_valid_results_are_sane()
    {
        var random = new Random(12345);
        var decoder = new PointDecoder(maxPayloadBytes: 4096, maxSeriesIdLength: 64);
        byte[][] keys = [null!, [], "pump-7"u8.ToArray(), [0xFF], "s\u00e9"u8.ToArray()];
        int valid = 0;

        for (int i = 0; i < 5000; i++)
        {
            byte[] payload = i % 4 == 0 ? RandomBytes(random) : Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]));
            byte[]? key = keys[random.Next(keys.Length)];
            DateTimeOffset? fallback = random.Next(2) == 0 ? null : DateTimeOffset.UnixEpoch.AddDays(random.Next(30000));

            DecodeResult r = decoder.Decode(key, payload, random.Next(50) == 0, fallback);

            if (r.IsValid)
            {
                valid++;
                Assert.True(double.IsFinite(r.Point.Value));
                Assert.False(string.IsNullOrEmpty(r.Point.SeriesId));
                Assert.Equal(TimeSpan.Zero, r.Point.Timestamp.Offset);
                Assert.Null(r.Detail);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(r.Detail));
                Assert.NotEqual(DecodeErrorCodes.Unknown, DecodeErrorCodes.ToCode(r.Error));
            }
        }

        // Mutations are mild enough that some payloads survive; otherwise the test would only exercise error paths.
        Assert.True(valid > 50, $"only {valid} valid payloads");
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(0, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 2: bytes[at] = (byte)random.Next(256); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, seed.AsSpan(0, random.Next(seed.Length)).ToArray()); break;
            }
        }

        return [.. bytes];
    }
}
