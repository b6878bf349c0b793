namespace Streaming.Model.Training;

/// <summary>Progress after one epoch: mean training loss over its steps and the test MSE (scaled units²).</summary>
public readonly record struct EpochReport(int Epoch, int Epochs, double TrainLoss, double TestMse, TimeSpan Elapsed);
