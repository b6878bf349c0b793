using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Architecture;

/// <summary>
/// Normalises the GRU's output sequence [B, W, D] (shape unchanged): layer norm over D per step, or batch norm of
/// each of the D features over B×W values, or nothing.
/// </summary>
internal sealed class SequenceNormalization : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm? layer;
    private readonly BatchNorm1d? batch;

    public SequenceNormalization(GruArchitecture architecture)
        : base(nameof(SequenceNormalization))
    {
        switch (architecture.Normalization)
        {
            case NormalizationKind.Layer:
                layer = nn.LayerNorm(architecture.OutputSize);
                break;
            case NormalizationKind.Batch:
                batch = nn.BatchNorm1d(architecture.OutputSize);
                break;
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor sequence)
    {
        if (layer is not null)
        {
            return layer.call(sequence);
        }

        // BatchNorm1d wants [N, C, L]: features as channels, the window's steps as length.
        return batch is not null ? batch.call(sequence.permute(0, 2, 1)).permute(0, 2, 1) : sequence;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layer?.Dispose();
            batch?.Dispose();
        }

        base.Dispose(disposing);
    }
}
