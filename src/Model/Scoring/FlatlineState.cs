namespace Streaming.Model.Scoring;

/// <summary>What a <see cref="FlatlineDetector"/> knows: the last value, the current and longest runs of repeats, whether the series ever varied.</summary>
public sealed record FlatlineState(double Last, int Run, int Longest, bool HasVaried);
