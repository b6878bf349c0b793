using System.Text;

namespace Streaming.Ingest.Decoding;

/// <summary>
/// What makes a series id acceptable: non-empty, at most a configured number of UTF-16 chars, no control characters.
/// Ids end up in Kafka keys, logs and metric labels, where control characters cause havoc.
/// </summary>
internal static class SeriesIdRules
{
    /// <summary>Checks a decoded id; returns null when valid, else why not.</summary>
    public static string? Check(string id, int maxLength)
    {
        if (id.Length == 0)
        {
            return "series id is empty";
        }

        if (id.Length > maxLength)
        {
            return $"series id is {id.Length} chars, limit {maxLength}";
        }

        foreach (char c in id)
        {
            if (char.IsControl(c))
            {
                return "series id contains a control character";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks raw UTF-8 bytes (the Kafka key) without allocating a string; returns null when valid, else why not.
    /// </summary>
    public static string? CheckUtf8(ReadOnlySpan<byte> utf8, int maxLength)
    {
        if (utf8.IsEmpty)
        {
            return "series id is empty";
        }

        // A UTF-16 char never needs more than 3 UTF-8 bytes on its own (4 bytes make 2 chars),
        // so this rejects absurd keys before walking them.
        if (utf8.Length > (long)maxLength * 3)
        {
            return $"series id is {utf8.Length} bytes, limit {maxLength} chars";
        }

        int chars = 0;
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return "series id is not valid UTF-8";
            }

            if (Rune.IsControl(rune))
            {
                return "series id contains a control character";
            }

            chars += rune.Utf16SequenceLength;
            utf8 = utf8[consumed..];
        }

        return chars > maxLength ? $"series id is {chars} chars, limit {maxLength}" : null;
    }
}
