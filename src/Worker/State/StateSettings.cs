namespace Streaming.Worker.State;

/// <summary>The state topics (null when <c>State:Enabled</c> is off), the delivery mode and the restore time limit.</summary>
public sealed record StateSettings(CompactedTopics? Topics, bool ExactlyOnce, TimeSpan Timeout);
