namespace Streaming.Model.Training;

/// <summary>A training step the guard undid: why, the loss it saw, and how many applied steps went with it.</summary>
public sealed class RollbackEventArgs(RollbackReason reason, float loss, float medianLoss, long stepsUndone) : EventArgs
{
    /// <summary>What was wrong with the step.</summary>
    public RollbackReason Reason { get; } = reason;

    /// <summary>The step's loss (scaled units² for MSE); may be NaN or infinite.</summary>
    public float Loss { get; } = loss;

    /// <summary>Median loss of the recent steps the explosion test compares with (NaN before there are enough).</summary>
    public float MedianLoss { get; } = medianLoss;

    /// <summary>Applied Adam steps since the restored copy was taken, now undone (the failing step included if it was applied).</summary>
    public long StepsUndone { get; } = stepsUndone;
}
