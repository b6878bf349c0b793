namespace Streaming.Tools.Nab;

/// <summary>What one file's run produced: rows read, rows that could not be parsed (scored 0), flags raised.</summary>
public sealed record NabFileSummary(string RelativePath, int Rows, int SkippedRows, int Flags, TimeSpan Elapsed);
