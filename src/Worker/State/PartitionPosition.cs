using System.Buffers.Binary;

namespace Streaming.Worker.State;

/// <summary>
/// Where an input partition's saved state stands, as offsets of that partition. <paramref name="SnapshotOffset"/>: every
/// series of the partition is saved in the state topic as of this offset (all records before it are in their states);
/// reading resumes here. <paramref name="OutputOffset"/> (exactly-once, else −1): outputs of all records before it are
/// committed, so records from the snapshot up to it are replayed into state without publishing again.
/// </summary>
public sealed record PartitionPosition(long SnapshotOffset, long OutputOffset)
{
    private const byte FormatVersion = 1;
    private const int Length = 17;

    /// <summary>The record value: a version byte and two big-endian 64-bit offsets.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Length];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), SnapshotOffset);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(9), OutputOffset);
        return bytes;
    }

    /// <summary>Reads a value written by <see cref="Encode"/>; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static PartitionPosition Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length || bytes[0] != FormatVersion)
        {
            throw new InvalidDataException($"A partition position is {Length} bytes of format {FormatVersion}; got {bytes.Length} bytes.");
        }

        return new PartitionPosition(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
    }
}
