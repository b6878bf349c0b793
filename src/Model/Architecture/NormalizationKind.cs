namespace Streaming.Model.Architecture;

/// <summary>Normalisation of the GRU's output sequence [B, W, D] before pooling.</summary>
public enum NormalizationKind
{
    /// <summary>None (the Keras lesson's models).</summary>
    None,

    /// <summary>Layer normalisation over the D features of each step: the same in training and prediction.</summary>
    Layer,

    /// <summary>
    /// Batch normalisation of each feature over the batch and the window's steps (so batch size 1 still works);
    /// predictions use the running statistics. Meant for offline training: online, the running statistics follow the stream.
    /// </summary>
    Batch,
}
