using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Architecture;

/// <summary>
/// Turns the GRU's output sequence [B, W, D] into [B, D]. <see cref="PoolingKind.Last"/>: the step that has read the
/// whole window in each direction (forward at the newest step; backward, in the upper half of D, at the oldest).
/// <see cref="PoolingKind.Attention"/>: softmax over W of a learned score per step, then the weighted sum of the steps.
/// </summary>
internal sealed class SequencePooling : nn.Module<Tensor, Tensor>
{
    private readonly Linear? score;
    private readonly int hiddenSize;
    private readonly bool bidirectional;

    public SequencePooling(GruArchitecture architecture)
        : base(nameof(SequencePooling))
    {
        hiddenSize = architecture.HiddenSize;
        bidirectional = architecture.Bidirectional;
        if (architecture.Pooling == PoolingKind.Attention)
        {
            score = nn.Linear(architecture.OutputSize, 1);
        }

        RegisterComponents();
    }

    /// <summary>The attention scorer (null for last-state pooling), for weight initialisation.</summary>
    public Linear? Score => score;

    public override Tensor forward(Tensor sequence)
    {
        if (score is not null)
        {
            Tensor weights = nn.functional.softmax(score.call(sequence), 1); // [B, W, 1]
            return (sequence * weights).sum(1);
        }

        Tensor newest = sequence.select(1, -1);
        if (!bidirectional)
        {
            return newest;
        }

        Tensor oldest = sequence.select(1, 0);
        return cat([newest.narrow(1, 0, hiddenSize), oldest.narrow(1, hiddenSize, hiddenSize)], 1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            score?.Dispose();
        }

        base.Dispose(disposing);
    }
}
