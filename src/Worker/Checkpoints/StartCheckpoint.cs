namespace Streaming.Worker.Checkpoints;

/// <summary>The checkpoint the worker starts from, if <c>Model:Checkpoint</c> names one.</summary>
public sealed record StartCheckpoint(DetectorCheckpoint? Checkpoint);
