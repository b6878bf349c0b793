namespace Streaming.Tools.Terminal;

/// <summary>One step of a long command: how many units are done, and the line that step prints when output is plain (none: nothing).</summary>
public readonly record struct ProgressStep(int Done, string? Line = null);
