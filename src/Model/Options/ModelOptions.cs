namespace Streaming.Model.Options;

/// <summary>
/// Settings of the shared online forecaster, bound from the <c>Model</c> configuration section.
/// All sizes are counts (points, units, samples); the learning rate and clip norm are unitless.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Model";

    /// <summary>Points per input window (oldest→newest); the model predicts the point after it.</summary>
    public int WindowSize { get; set; } = 10;

    /// <summary>GRU hidden units.</summary>
    public int HiddenSize { get; set; } = 50;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Maximum samples per Adam step: the newest pairs first, topped up from replay.</summary>
    public int TrainBatchSize { get; set; } = 64;

    /// <summary>
    /// Training work per new point, in samples: a <c>Learn</c> call with B new pairs runs
    /// ceil(B × this / TrainBatchSize) Adam steps (at least one), so the model learns as much per point whether
    /// points arrive one at a time or in large batches. 0 freezes the model (pairs still fill the replay buffer).
    /// </summary>
    public double TrainSamplesPerPoint { get; set; } = 8;

    /// <summary>(window, target) pairs kept for replay in a ring buffer; 0 disables replay.</summary>
    public int ReplayCapacity { get; set; } = 4096;

    /// <summary>Maximum L2 norm of all gradients together; 0 disables clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>Seed of the weight initialisation and of the replay sampler.</summary>
    public int Seed { get; set; } = 42;
}
