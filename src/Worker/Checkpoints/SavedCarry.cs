namespace Streaming.Worker.Checkpoints;

/// <summary>A carried streaming state as read from a record, before it is put into a series.</summary>
internal sealed record SavedCarry(long Steps, int ChunkInputs, int ChunkTargets, float[] Values);
