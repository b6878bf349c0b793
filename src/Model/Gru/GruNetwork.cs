using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Gru;

/// <summary>
/// GRU(1→hidden, batch_first) followed by Linear(hidden→1) on the last time step's hidden state.
/// Input [B, W, 1] (scaled values, oldest→newest); output [B], the predicted next scaled value.
/// </summary>
internal sealed class GruNetwork : nn.Module<Tensor, Tensor>
{
    private readonly GRU gru;
    private readonly Linear head;

    public GruNetwork(int hiddenSize)
        : base(nameof(GruNetwork))
    {
        gru = nn.GRU(inputSize: 1, hiddenSize: hiddenSize, batchFirst: true);
        head = nn.Linear(hiddenSize, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // The final hidden state [layers=1, B, H] is the last step's output; no need to slice [B, W, H].
        (Tensor output, Tensor hidden) = gru.call(input);
        output.Dispose();
        return head.call(hidden[0]).squeeze(-1);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gru.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
