using System.Text;
using static TorchSharp.torch;

namespace Streaming.Model.Checkpoints;

/// <summary>
/// A module's state (parameters and buffers: name, dtype, shape, values) as bytes. Reading checks every entry
/// against the target module (same names, dtypes and shapes) before it copies any, so a mismatch loads nothing.
/// </summary>
internal static class TensorStateCodec
{
    public static byte[] Write(nn.Module module)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var state = module.state_dict();
            writer.Write(state.Count);
            foreach ((string name, Tensor tensor) in state.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.Write(name);
                writer.Write((int)tensor.dtype);
                writer.Write(tensor.shape.Length);
                foreach (long size in tensor.shape)
                {
                    writer.Write(size);
                }

                using Tensor contiguous = tensor.detach().contiguous();
                writer.Write(contiguous.bytes);
            }
        }

        return stream.ToArray();
    }

    public static void Read(nn.Module module, byte[] content)
    {
        var state = module.state_dict();
        using var reader = new BinaryReader(new MemoryStream(content), Encoding.UTF8);
        int count = reader.ReadInt32();
        if (count != state.Count)
        {
            throw new CheckpointException($"The checkpoint holds {count} weight tensors; the model has {state.Count}.");
        }

        var values = new List<(Tensor Target, byte[] Bytes)>(count);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var dtype = (ScalarType)reader.ReadInt32();
            long[] shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
            }

            if (!state.TryGetValue(name, out Tensor? target) || target.dtype != dtype || !target.shape.SequenceEqual(shape))
            {
                throw new CheckpointException($"The checkpoint's weight '{name}' ({dtype} [{string.Join(", ", shape)}]) does not fit the model.");
            }

            values.Add((target, reader.ReadBytes(checked((int)(target.NumberOfElements * target.ElementSize)))));
        }

        using var noGrad = no_grad();
        foreach ((Tensor target, byte[] bytes) in values)
        {
            target.bytes = bytes;
        }
    }
}
