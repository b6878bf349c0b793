using Streaming.Model.Architecture;
using Streaming.Model.Training;

namespace Streaming.Model.Options;

/// <summary>
/// Settings of the shared online forecaster, bound from the <c>Model</c> configuration section.
/// All sizes are counts (points, units, samples); the learning rate and clip norm are unitless.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Model";

    /// <summary>
    /// Windowed (a GRU pass over each point's window) or Streaming (a carried state per series, one cell step per point,
    /// trained over chunks of WindowSize points).
    /// </summary>
    public ForecastMode Mode { get; set; } = ForecastMode.Windowed;

    /// <summary>
    /// Predict with the C# forward over a copy of the weights (one-layer, one-direction GRU, last state, no
    /// normalisation; other networks always use TorchSharp). False predicts through TorchSharp, for comparison.
    /// </summary>
    public bool ManagedForward { get; set; } = true;

    /// <summary>Points per input window (oldest→newest); the model predicts the point after it.</summary>
    public int WindowSize { get; set; } = 10;

    /// <summary>GRU hidden units per layer and direction.</summary>
    public int HiddenSize { get; set; } = 50;

    /// <summary>Stacked GRU layers; each passes its whole output sequence to the next (Keras' return_sequences).</summary>
    public int Layers { get; set; } = 1;

    /// <summary>Dropout probability between stacked layers (Keras' Dropout layer); used only when Layers &gt; 1.</summary>
    public double Dropout { get; set; }

    /// <summary>Each layer also reads the window newest→oldest; still causal, the window is all past data.</summary>
    public bool Bidirectional { get; set; }

    /// <summary>How the window's hidden states become one vector: the last state, or attention pooling.</summary>
    public PoolingKind Pooling { get; set; } = PoolingKind.Last;

    /// <summary>Normalisation of the GRU outputs: None, Layer, or Batch (meant for offline training).</summary>
    public NormalizationKind Normalization { get; set; } = NormalizationKind.None;

    /// <summary>How the weights start: Torch (PyTorch's defaults) or Keras (glorot/orthogonal/zero biases).</summary>
    public InitializationKind Initialization { get; set; } = InitializationKind.Torch;

    /// <summary>Training loss on scaled values: Mse or Huber.</summary>
    public LossKind Loss { get; set; } = LossKind.Mse;

    /// <summary>Huber loss threshold, in scaled units (used when Loss is Huber).</summary>
    public double HuberDelta { get; set; } = 1.0;

    /// <summary>Adam's epsilon (PyTorch's default 1e-8; Keras uses 1e-7).</summary>
    public double AdamEpsilon { get; set; } = 1e-8;

    /// <summary>Checkpoint file the worker starts from (empty: fresh weights from Seed). Its architecture must match these options.</summary>
    public string Checkpoint { get; set; } = "";

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>
    /// Fewest samples per Adam step: a step with fewer new pairs is topped up from replay, so that a series that
    /// arrives a point at a time still learns from batches, not from single noisy pairs.
    /// </summary>
    public int TrainBatchSize { get; set; } = 64;

    /// <summary>
    /// Most samples per Adam step: a backlog is learned in steps this large (a sample costs about half as much in a
    /// step of 256 as in one of 64). Below <see cref="TrainBatchSize"/> it counts as that.
    /// </summary>
    public int MaxTrainBatchSize { get; set; } = 256;

    /// <summary>
    /// Training work per new point, in samples, when many arrive together: a <c>Learn</c> call with B new pairs runs
    /// ceil(B × this / MaxTrainBatchSize) Adam steps (at least one), each on its share of the new pairs and, beyond
    /// one sample per new pair, replayed older pairs. 1 learns each new pair once; 0 freezes the model (pairs still
    /// fill the replay buffer).
    /// </summary>
    public double TrainSamplesPerPoint { get; set; } = 1;

    /// <summary>(window, target) pairs kept for replay in a ring buffer; 0 disables replay.</summary>
    public int ReplayCapacity { get; set; } = 4096;

    /// <summary>Maximum L2 norm of all gradients together; 0 disables clipping.</summary>
    public double GradientClipNorm { get; set; } = 1.0;

    /// <summary>
    /// Largest magnitude of a scaled value (window or target) the model learns from; a pair beyond it is still predicted
    /// and scored, never learned. Scaled values of a series' own range are in [0, 1].
    /// </summary>
    public double MaxScaledInput { get; set; } = 100;

    /// <summary>
    /// A training step whose loss exceeds this many times the median of the last 64 steps' losses (and 1 scaled
    /// unit²) is undone and the last good weights and Adam state put back; 0 turns the loss test off (non-finite
    /// losses, gradients and weights are always undone).
    /// </summary>
    public double RollbackLossFactor { get; set; } = 1000;

    /// <summary>Good training steps between two copies of the weights and Adam state that a rollback returns to.</summary>
    public int RollbackSnapshotSteps { get; set; } = 16;

    /// <summary>Seed of the weight initialisation and of the replay sampler.</summary>
    public int Seed { get; set; } = 42;
}
