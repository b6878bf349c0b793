namespace Streaming.Model.Training;

/// <summary>
/// Progress after one epoch: mean training loss over its steps and the test MSE (scaled units², of the epoch's own
/// weights, before any averaging) and the epoch's Adam learning rate.
/// </summary>
public readonly record struct EpochReport(int Epoch, int Epochs, double TrainLoss, double TestMse, TimeSpan Elapsed, double LearningRate);
