namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="RoutineMisses"/> knows: the closed stretches' largest misses (a ring, 0 for one not yet
/// closed) and the next slot to write, and the open stretch's points and largest miss so far.</summary>
public sealed record RoutineMissesState(float[] Largest, int Next, int Points, float Open);
