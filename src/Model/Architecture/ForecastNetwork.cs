using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Architecture;

/// <summary>
/// The forecaster's network for one <see cref="GruArchitecture"/>: GRU(1→H, Layers, batch_first, dropout between
/// layers, optionally bidirectional) → normalisation → pooling → Linear(D→1). Input [B, W, 1] scaled values, oldest
/// first; output [B], the predicted next scaled value.
/// </summary>
internal sealed class ForecastNetwork : nn.Module<Tensor, Tensor>
{
    private readonly GRU gru;
    private readonly SequenceNormalization normalization;
    private readonly SequencePooling pooling;
    private readonly Linear head;
    private GRUCell? cell;

    public ForecastNetwork(GruArchitecture architecture, InitializationKind initialization)
        : base(nameof(ForecastNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        gru = nn.GRU(1, architecture.HiddenSize, numLayers: architecture.Layers, batchFirst: true,
            dropout: architecture.LayerDropout, bidirectional: architecture.Bidirectional);
        normalization = new SequenceNormalization(architecture);
        pooling = new SequencePooling(architecture);
        head = nn.Linear(architecture.OutputSize, 1);
        RegisterComponents();
        if (initialization == InitializationKind.Keras)
        {
            KerasInitializer.Apply(gru, [head, .. pooling.Score is { } score ? new[] { score } : []]);
        }
    }

    public override Tensor forward(Tensor input)
    {
        (Tensor sequence, Tensor hidden) = gru.call(input);
        hidden.Dispose();
        return head.call(pooling.call(normalization.call(sequence))).squeeze(-1);
    }

    /// <summary>
    /// Runs the GRU over <paramref name="input"/> [B, T, 1] from the carried state <paramref name="start"/> [B, H] (one
    /// layer, one direction) and predicts after every step: returns [B, T], element t the predicted value after input
    /// t, and the state after the last input in <paramref name="end"/> [B, H]. With T = 1 this is one cell step.
    /// </summary>
    public Tensor Unroll(Tensor input, Tensor start, out Tensor end)
    {
        (Tensor sequence, Tensor hidden) = gru.call(input, start.unsqueeze(0));
        end = hidden.squeeze(0);
        return head.call(normalization.call(sequence)).squeeze(-1);
    }

    /// <summary>
    /// One GRU cell step for B series: <paramref name="input"/> [B, 1] scaled values, <paramref name="state"/> [B, H];
    /// returns the new state [B, H] and, in <paramref name="prediction"/>, the predicted next value [B]. The cell reads
    /// the GRU's own parameter tensors (updated in place by Adam, rollbacks and checkpoint loads), so it needs no copy.
    /// </summary>
    public Tensor Step(Tensor input, Tensor state, out Tensor prediction)
    {
        cell ??= CellSharingWeights();
        Tensor next = cell.call(input, state);
        prediction = head.call(normalization.call(next.unsqueeze(1))).view(-1);
        return next;
    }

    /// <summary>Copies the one-layer GRU's and the head's weights into <paramref name="target"/> (see <see cref="ManagedGruForward"/>).</summary>
    public void CopyWeightsTo(ManagedGruForward target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var weights = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        target.Load(Floats(weights["weight_ih_l0"]), Floats(weights["weight_hh_l0"]), Floats(weights["bias_ih_l0"]),
            Floats(weights["bias_hh_l0"]), Floats(head.weight!), Floats(head.bias!)[0]);
    }

    private static ReadOnlySpan<float> Floats(Tensor parameter) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(parameter.detach().contiguous().bytes);

    // Created on first use, after RegisterComponents: not a submodule, so never in the state dict.
    private GRUCell CellSharingWeights()
    {
        var weights = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var shared = nn.GRUCell(1, weights["weight_hh_l0"].shape[1]);
        shared.weight_ih = weights["weight_ih_l0"];
        shared.weight_hh = weights["weight_hh_l0"];
        shared.bias_ih = weights["bias_ih_l0"];
        shared.bias_hh = weights["bias_hh_l0"];
        return shared;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            cell?.Dispose();
            gru.Dispose();
            normalization.Dispose();
            pooling.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
