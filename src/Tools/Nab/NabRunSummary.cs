namespace Streaming.Tools.Nab;

/// <summary>All files of a run, ordered by relative path, and the wall-clock time it took.</summary>
public sealed record NabRunSummary(IReadOnlyList<NabFileSummary> Files, TimeSpan Elapsed);
