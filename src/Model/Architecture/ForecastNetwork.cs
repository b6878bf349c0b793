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

    public ForecastNetwork(GruArchitecture architecture, InitializationKind initialization)
        : base(nameof(ForecastNetwork))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        gru = nn.GRU(1, architecture.HiddenSize, numLayers: architecture.Layers, batchFirst: true,
            dropout: architecture.Layers > 1 ? architecture.Dropout : 0, bidirectional: architecture.Bidirectional);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gru.Dispose();
            normalization.Dispose();
            pooling.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
