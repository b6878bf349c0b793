namespace Streaming.Model.Training;

/// <summary>Settings of one offline run (the lesson's <c>model.fit</c>): epochs, batch size, split, shuffling.</summary>
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
}
