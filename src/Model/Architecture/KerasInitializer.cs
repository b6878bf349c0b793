using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Architecture;

/// <summary>
/// Keras' default initialisers on PyTorch modules. PyTorch's GRU weight_ih [3H, in] is Keras' kernel transposed, so
/// glorot_uniform sees the same fans; weight_hh [3H, H] with orthonormal columns is Keras' orthogonal
/// recurrent_kernel [H, 3H] (orthonormal rows) transposed; every bias starts at zero.
/// </summary>
internal static class KerasInitializer
{
    public static void Apply(GRU gru, IEnumerable<Linear> dense)
    {
        using var noGrad = no_grad();
        foreach ((string name, TorchSharp.Modules.Parameter parameter) in gru.named_parameters())
        {
            if (name.StartsWith("weight_ih", StringComparison.Ordinal))
            {
                nn.init.xavier_uniform_(parameter);
            }
            else if (name.StartsWith("weight_hh", StringComparison.Ordinal))
            {
                nn.init.orthogonal_(parameter);
            }
            else
            {
                nn.init.zeros_(parameter);
            }
        }

        foreach (Linear layer in dense)
        {
            nn.init.xavier_uniform_(layer.weight);
            if (layer.bias is not null)
            {
                nn.init.zeros_(layer.bias);
            }
        }
    }
}
