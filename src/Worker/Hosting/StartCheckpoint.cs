using Streaming.Worker.Checkpoints;

namespace Streaming.Worker.Hosting;

/// <summary>The checkpoint the worker starts from, if <c>Model:Checkpoint</c> names one.</summary>
internal sealed record StartCheckpoint(DetectorCheckpoint? Checkpoint);
