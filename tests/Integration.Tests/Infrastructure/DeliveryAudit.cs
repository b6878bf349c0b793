using System.Globalization;
using System.Text.Json;
using Streaming.Worker.Options;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Matches the predictions read back to the input points sent, by the input's (partition, offset) named in each
/// prediction's <c>source.*</c> headers, and checks that each prediction's series and timestamp are its input's.
/// Asserts the worker's own <see cref="DeliveryGuarantee"/> (<c>Pipeline:Delivery</c>): at-least-once allows duplicates,
/// exactly-once does not.
/// </summary>
public sealed class DeliveryAudit
{
    private DeliveryAudit(int pointsIn, int predictions, IReadOnlyList<SentMessage> lost, int duplicates, int duplicatedPoints,
        int unmatched, IReadOnlyList<string> unmatchedDescribed, IReadOnlyList<string> mismatched, DateTimeOffset? lastCovered)
    {
        PointsIn = pointsIn;
        Predictions = predictions;
        Lost = lost;
        Duplicates = duplicates;
        DuplicatedPoints = duplicatedPoints;
        Unmatched = unmatched;
        UnmatchedDescribed = unmatchedDescribed;
        Mismatched = mismatched;
        LastCovered = lastCovered;
    }

    /// <summary>Valid input points sent.</summary>
    public int PointsIn { get; }

    /// <summary>Of <see cref="PointsIn"/>, second copies the test's producer wrote (<see cref="SentMessage.Copy"/>).</summary>
    public int InputCopies { get; private init; }

    /// <summary>Prediction messages read.</summary>
    public int Predictions { get; }

    /// <summary>Valid points without any prediction.</summary>
    public IReadOnlyList<SentMessage> Lost { get; }

    /// <summary>Predictions beyond the first of their input point (at-least-once allows them).</summary>
    public int Duplicates { get; }

    /// <summary>Input points with more than one prediction.</summary>
    public int DuplicatedPoints { get; }

    /// <summary>Predictions that name no valid input point the test sent (or no input at all).</summary>
    public int Unmatched { get; }

    /// <summary>The first few unmatched predictions: the input each names, its series and timestamp, and the sent point like it.</summary>
    public IReadOnlyList<string> UnmatchedDescribed { get; }

    /// <summary>Predictions whose series or timestamp differ from the input they name (a few, described).</summary>
    public IReadOnlyList<string> Mismatched { get; }

    /// <summary>When the last input point got its first prediction (null: some never did, or nothing was sent).</summary>
    public DateTimeOffset? LastCovered { get; }

    /// <summary>Audits <paramref name="predictions"/> (with the time each was read) against the valid points in <paramref name="sent"/>.</summary>
    public static DeliveryAudit Of(IEnumerable<SentMessage> sent, IEnumerable<Arrived> predictions)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(predictions);
        var inputs = sent.Where(m => m.Valid).ToDictionary(m => (m.Partition, m.Offset));
        var first = new Dictionary<(int, long), DateTimeOffset>();
        var count = new Dictionary<(int, long), int>();
        var read = 0;
        var unmatched = 0;
        var unmatchedDescribed = new List<string>();
        var mismatched = new List<string>();
        foreach (var (message, at) in predictions)
        {
            read++;
            if (message.Source is not { } source || !inputs.TryGetValue(source, out var input))
            {
                if (unmatched++ < 5)
                {
                    unmatchedDescribed.Add(DescribeUnmatched(message, inputs.Values));
                }

                continue;
            }

            count[source] = count.GetValueOrDefault(source) + 1;
            if (!first.TryGetValue(source, out var earlier) || at < earlier)
            {
                first[source] = at;
            }

            if (mismatched.Count < 5 && Describe(input, message) is { } difference)
            {
                mismatched.Add(difference);
            }
        }

        var lost = inputs.Values.Where(m => !count.ContainsKey((m.Partition, m.Offset))).ToList();
        return new DeliveryAudit(inputs.Count, read, lost, count.Values.Sum(c => c - 1), count.Values.Count(c => c > 1), unmatched, unmatchedDescribed, mismatched,
            lost.Count == 0 && first.Count > 0 ? first.Values.Max() : null)
        {
            InputCopies = inputs.Values.Count(m => m.Copy),
        };
    }

    /// <summary>Fails the test, with this audit's summary, unless the predictions meet <paramref name="guarantee"/>.</summary>
    public void Assert(DeliveryGuarantee guarantee)
    {
        var ok = Lost.Count == 0 && Mismatched.Count == 0 && Unmatched == 0
            && (guarantee == DeliveryGuarantee.AtLeastOnce || Duplicates == 0);
        Xunit.Assert.True(ok, $"{guarantee} not met: {this}");
    }

    /// <summary>One line: the counts, and the first few lost or mismatched points.</summary>
    public override string ToString()
    {
        var copies = InputCopies > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({InputCopies} written twice by the test's producer)") : "";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"points in {PointsIn}{copies}, predictions {Predictions}, lost {Lost.Count}, duplicates {Duplicates} (on {DuplicatedPoints} points), unmatched {Unmatched}");
        if (Lost.Count > 0)
        {
            text += "; lost e.g. " + string.Join(", ", Lost.Take(5).Select(m => $"{m.Partition}@{m.Offset}"));
        }

        if (Unmatched > 0)
        {
            text += "; unmatched e.g. " + string.Join("; ", UnmatchedDescribed);
        }

        return Mismatched.Count > 0 ? text + "; mismatched: " + string.Join("; ", Mismatched) : text;
    }

    private static string? Describe(SentMessage input, ReadMessage prediction)
    {
        var (series, timestamp) = SeriesAndTime(input);
        var json = prediction.Json;
        var predicted = (Series: json.GetProperty("series").GetString(), Timestamp: Instant(json.GetProperty("timestamp")));
        return predicted.Series == series && (timestamp is null || predicted.Timestamp == timestamp)
            ? null
            : $"{input.Partition}@{input.Offset} sent {series} {timestamp:O}, predicted {predicted.Series} {predicted.Timestamp:O}";
    }

    // A prediction for an input the producer never reported: if a sent point has its series and timestamp, the input
    // topic holds a second copy of that point (written by the test's own producer), not a point the worker made up.
    private static string DescribeUnmatched(ReadMessage prediction, IEnumerable<SentMessage> inputs)
    {
        var json = prediction.Json;
        var series = json.GetProperty("series").GetString();
        var timestamp = Instant(json.GetProperty("timestamp"));
        var twin = inputs.FirstOrDefault(m => timestamp is not null && SeriesAndTime(m) == (series, timestamp));
        var source = prediction.Source is { } s ? $"{s.Partition}@{s.Offset}" : "no source";
        return twin is null
            ? $"{source} {series} {timestamp:O}, no sent point like it"
            : $"{source} {series} {timestamp:O}, as sent at {twin.Partition}@{twin.Offset}";
    }

    // The input may leave its series to the key (a prediction always names both) and may have no timestamp.
    private static (string? Series, DateTimeOffset? Timestamp) SeriesAndTime(SentMessage input)
    {
        using var sent = JsonDocument.Parse(input.Value);
        var root = sent.RootElement;
        return (root.TryGetProperty("series", out var s) ? s.GetString() : input.Key,
            root.TryGetProperty("timestamp", out var t) ? Instant(t) : null);
    }

    private static DateTimeOffset? Instant(JsonElement timestamp) => timestamp.ValueKind switch
    {
        JsonValueKind.String => timestamp.GetDateTimeOffset(),
        JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds(timestamp.GetInt64()),
        _ => null,
    };
}
