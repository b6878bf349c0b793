namespace Streaming.Tools.Csv;

/// <summary>One data row of a time-series CSV: the text as read and, when <see cref="IsValid"/>, the parsed UTC timestamp and value.</summary>
public readonly record struct TimeSeriesRow(string TimestampText, string ValueText, DateTimeOffset Timestamp, double Value, bool IsValid);
