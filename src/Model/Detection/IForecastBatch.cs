namespace Streaming.Model.Detection;

/// <summary>
/// How the <see cref="DetectionEngine"/>'s model predicts a batch and learns from it: <see cref="WindowedBatch"/> (a
/// GRU pass over each point's window) or <see cref="StreamingBatch"/> (a carried state per series, one cell step per
/// point). The engine tells it about every point in batch order; rows are the points that get a prediction, numbered
/// from 0 in that order. Values are scaled units. Not thread-safe: the model thread owns it.
/// </summary>
internal interface IForecastBatch
{
    /// <summary>Pairs or samples waiting for <see cref="LearnPending"/>.</summary>
    int PendingLearnable { get; }

    /// <summary>Learnable units one training step takes (learning fewer costs as much).</summary>
    int PointsPerStep { get; }

    /// <summary>Starts a batch of at most <paramref name="points"/> points; what was pending is dropped.</summary>
    void Begin(int points);

    /// <summary>
    /// A point about to enter <paramref name="state"/>'s window, before the window takes it. <paramref name="row"/>: its
    /// prediction row, or −1 while the window fills; <paramref name="target"/>: the value scaled before the window takes it.
    /// </summary>
    void Entering(SeriesState state, int row, float target);

    /// <summary>The same point after the window took it (its scaler has seen <paramref name="value"/>, raw units).</summary>
    void Entered(SeriesState state, int row, float target, double value);

    /// <summary>A late or duplicate point of <paramref name="state"/> (full window): predicted at its place in the batch, never learned.</summary>
    void LateOrDuplicate(SeriesState state, int row);

    /// <summary>Writes the prediction of each of the first <paramref name="rows"/> rows.</summary>
    void Predict(int rows, Span<float> predictions);

    /// <summary>After <see cref="Predict"/>, in row order: row <paramref name="row"/> was scored and may be learned.</summary>
    void Learnable(int row);

    /// <summary>Learns <paramref name="count"/> of the pending units, evenly spread; returns the last step's loss, NaN if none ran.</summary>
    float LearnPending(int count);
}
