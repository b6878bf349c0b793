namespace Streaming.Model.Training;

/// <summary>
/// Settings of one offline run (the lesson's <c>model.fit</c>): epochs, batch size, split, shuffling, and two
/// optional ways to settle the end of a small-batch run: a learning-rate decay over the last epochs and an average
/// of the weights of the last epochs.
/// </summary>
public sealed record OfflineTrainingOptions
{
    /// <summary>Passes over the training pairs (the lesson: 50).</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Pairs per Adam step (the lesson: 1).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Leading fraction of the pairs used for training; the rest is the test set (the lesson: 0.8).</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Seed of the per-epoch shuffle and of dropout's draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Shuffle the training pairs every epoch, as Keras' fit does by default.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Last epochs over which the learning rate falls, per epoch along a half cosine, from the model's learning rate
    /// to <see cref="DecayTo"/> times it in the final epoch (as a Keras <c>LearningRateScheduler</c> would); 0 = constant.
    /// </summary>
    public int DecayEpochs { get; init; }

    /// <summary>Fraction of the learning rate used in the final epoch of the decay, in (0, 1].</summary>
    public double DecayTo { get; init; } = 0.01;

    /// <summary>
    /// Last epochs whose end-of-epoch weights are averaged (Polyak averaging, as SWA does); the model keeps and is
    /// tested with the mean. 0 or 1 = the last weights. Buffers (batch-norm statistics) are not averaged.
    /// </summary>
    public int AverageEpochs { get; init; }

    /// <summary>Told each epoch's order of the training pairs (1-based epoch, pair indices) before the epoch runs.</summary>
    public Action<int, IReadOnlyList<int>>? EpochOrder { get; init; }

    /// <summary>Told the loss of every Adam step, in order.</summary>
    public Action<double>? StepLoss { get; init; }

    /// <summary>The learning-rate multiplier of <paramref name="epoch"/> (1-based): 1 before the decay, <see cref="DecayTo"/> in the last epoch.</summary>
    public double LearningRateFactor(int epoch)
    {
        int into = epoch - (Epochs - Math.Min(DecayEpochs, Epochs));
        return into <= 0 ? 1 : DecayTo + ((1 - DecayTo) * (1 + Math.Cos(Math.PI * into / Math.Min(DecayEpochs, Epochs))) / 2);
    }
}
