namespace Streaming.Model.Training;

/// <summary>Why a training step was undone and the forecaster went back to its last good weights.</summary>
public enum RollbackReason
{
    /// <summary>The batch's loss was NaN or infinite (before the step: the weights may already be bad).</summary>
    NonFiniteLoss,

    /// <summary>The loss was far above the recent median (<c>Model:RollbackLossFactor</c>).</summary>
    ExplodingLoss,

    /// <summary>The gradients' norm was NaN or infinite.</summary>
    NonFiniteGradient,

    /// <summary>A weight, buffer or Adam moment was NaN or infinite after the step.</summary>
    NonFiniteState,
}
