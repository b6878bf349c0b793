namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A message the test sends to the input topic, and where it landed.</summary>
public sealed record SentMessage(string Key, string Value, bool Valid, int Partition, long Offset);
