namespace Streaming.Model.Architecture;

/// <summary>How the weights start.</summary>
public enum InitializationKind
{
    /// <summary>PyTorch's defaults: every GRU and Linear weight and bias uniform in ±1/√fan_in.</summary>
    Torch,

    /// <summary>
    /// Keras' defaults: glorot_uniform input kernels and Dense kernels, orthogonal recurrent kernels, zero biases.
    /// PyTorch's GRU already has Keras' <c>reset_after=True</c> cell (reset gate applied after the recurrent product,
    /// separate input and recurrent biases), so with this the network starts as the lesson's did.
    /// </summary>
    Keras,
}
