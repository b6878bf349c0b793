namespace Streaming.Model.Training;

/// <summary>The training loss on scaled values.</summary>
public enum LossKind
{
    /// <summary>Mean squared error (the lesson's loss).</summary>
    Mse,

    /// <summary>Huber loss: squared below <c>Model:HuberDelta</c>, linear above, so outliers pull less.</summary>
    Huber,
}
