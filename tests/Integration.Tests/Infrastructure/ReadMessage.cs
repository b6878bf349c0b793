using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streaming.Worker.Output;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A message read back from a topic, with its headers as text.</summary>
public sealed record ReadMessage(string? Key, byte[]? Value, IReadOnlyDictionary<string, string> Headers, int Partition, long Offset)
{
    /// <summary>The value parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Value ?? []).RootElement.Clone();

    /// <summary>The input message this output names in its <c>source.partition</c>/<c>source.offset</c> headers, or null.</summary>
    public (int Partition, long Offset)? Source =>
        Headers.TryGetValue(OutputHeaders.SourcePartition, out var partition) && Headers.TryGetValue(OutputHeaders.SourceOffset, out var offset)
            ? (int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture))
            : null;

    /// <summary>Copies a consumed message (headers with the same key: the last one wins).</summary>
    public static ReadMessage From(ConsumeResult<byte[]?, byte[]?> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Message;
        var headers = (m.Headers ?? []).GroupBy(h => h.Key).ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.Last().GetValueBytes()));
        return new ReadMessage(m.Key is null ? null : Encoding.UTF8.GetString(m.Key), m.Value, headers, result.Partition.Value, result.Offset.Value);
    }
}
