namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>A message read by a <see cref="TopicWatch"/>, and when the test read it.</summary>
public sealed record Arrived(ReadMessage Message, DateTimeOffset At);
