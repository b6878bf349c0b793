namespace Streaming.Tools.Demo;

/// <summary>A flag read back from the anomalies topic.</summary>
public sealed record FlaggedPoint(string Series, DateTimeOffset Timestamp, double Value, double? Predicted, double Score, string Severity);
