using System.Security.Cryptography;
using System.Text;
using Streaming.Model.Architecture;

namespace Streaming.Model.Checkpoints;

/// <summary>
/// The versioned binary checkpoint container: a header (magic, format version, the <see cref="GruArchitecture"/>),
/// named sections of bytes (model weights, optimiser state, scalers, residual statistics, …) and a SHA-256 of
/// everything before it. All little-endian. Parsing checks magic, version and checksum before reading anything else,
/// so a corrupt or truncated file is refused as a whole.
/// </summary>
/// <remarks>
/// Layout: "GRUCKPT" 0x1A | int32 version | int32 W, int32 H, int32 layers, float64 dropout, bool bidirectional,
/// int32 pooling, int32 normalisation | int32 section count | per section: string name (7-bit length-prefixed UTF-8),
/// int64 length, bytes | 32 bytes SHA-256.
/// </remarks>
public sealed class CheckpointFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const int HashLength = 32;
    private static readonly byte[] Magic = "GRUCKPT\u001A"u8.ToArray();
    private readonly Dictionary<string, byte[]> _sections = new(StringComparer.Ordinal);

    /// <summary>An empty checkpoint of <paramref name="architecture"/>.</summary>
    public CheckpointFile(GruArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
    }

    /// <summary>The architecture of the model inside.</summary>
    public GruArchitecture Architecture { get; }

    /// <summary>Names of the sections present.</summary>
    public IEnumerable<string> SectionNames => _sections.Keys;

    /// <summary>Adds or replaces a section.</summary>
    public void Set(string name, byte[] content)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        _sections[name] = content;
    }

    /// <summary>The section's bytes, or null when absent.</summary>
    public byte[]? Find(string name) => _sections.GetValueOrDefault(name);

    /// <summary>The section's bytes; a <see cref="CheckpointException"/> when absent.</summary>
    public byte[] Get(string name) => Find(name) ?? throw new CheckpointException($"The checkpoint has no '{name}' section.");

    /// <summary>The whole checkpoint as bytes (for a file or a Kafka message).</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(Architecture.WindowSize);
            writer.Write(Architecture.HiddenSize);
            writer.Write(Architecture.Layers);
            writer.Write(Architecture.Dropout);
            writer.Write(Architecture.Bidirectional);
            writer.Write((int)Architecture.Pooling);
            writer.Write((int)Architecture.Normalization);
            writer.Write(_sections.Count);
            foreach ((string name, byte[] content) in _sections.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write((long)content.Length);
                writer.Write(content);
            }
        }

        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
    }

    /// <summary>Writes the checkpoint to <paramref name="path"/> through a temporary file, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, ToBytes());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and checks the checkpoint at <paramref name="path"/>.</summary>
    public static CheckpointFile Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new CheckpointException($"Cannot read checkpoint {path}: {ex.Message}", ex);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses and checks a checkpoint; <paramref name="origin"/> names it in error messages.</summary>
    public static CheckpointFile Parse(ReadOnlySpan<byte> bytes, string origin = "checkpoint")
    {
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CheckpointException($"{origin} is not a model checkpoint (it does not start with the checkpoint header).");
        }

        int version = BitConverter.ToInt32(bytes.Slice(Magic.Length, 4));
        if (version != FormatVersion)
        {
            throw new CheckpointException($"{origin} has checkpoint format version {version}; this build reads version {FormatVersion}.");
        }

        if (bytes.Length < Magic.Length + 4 + HashLength
            || !SHA256.HashData(bytes[..^HashLength]).AsSpan().SequenceEqual(bytes[^HashLength..]))
        {
            throw new CheckpointException($"{origin} is corrupt or truncated ({bytes.Length} bytes, checksum mismatch); nothing was loaded.");
        }

        try
        {
            return ReadBody(bytes[..^HashLength].ToArray());
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new CheckpointException($"{origin} is malformed although its checksum matches: {ex.Message}", ex);
        }
    }

    private static CheckpointFile ReadBody(byte[] body)
    {
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        reader.ReadBytes(Magic.Length + 4);
        var architecture = new GruArchitecture(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(),
            reader.ReadBoolean(), (PoolingKind)reader.ReadInt32(), (NormalizationKind)reader.ReadInt32());
        var file = new CheckpointFile(architecture);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            long length = reader.ReadInt64();
            if (length < 0 || length > body.Length - reader.BaseStream.Position)
            {
                throw new EndOfStreamException($"section '{name}' claims {length} bytes");
            }

            file.Set(name, reader.ReadBytes((int)length));
        }

        return reader.BaseStream.Position == body.Length ? file : throw new IOException("bytes left over after the last section");
    }
}
