namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// A message the test sends to the input topic, and where it landed. <paramref name="Copy"/>: a second copy of a sent
/// message, found on the topic at an offset no delivery report named (see <see cref="PointFeed.SentAsOnTopic"/>).
/// </summary>
public sealed record SentMessage(string Key, string Value, bool Valid, int Partition, long Offset, bool Copy = false);
