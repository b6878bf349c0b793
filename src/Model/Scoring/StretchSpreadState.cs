namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="StretchSpread"/> knows: the closed stretches' mean squares (a ring), the next slot to
/// write and how many are filled, and the open stretch's points and sum of squares so far.</summary>
public sealed record StretchSpreadState(float[] MeanSquares, int Next, int Closed, int Points, double Squares);
