namespace Streaming.Integration.Tests.Hostile;

/// <summary>One generated input message that the worker must dead-letter: its class, key and value bytes.</summary>
public sealed record HostilePayload(string Kind, byte[]? Key, byte[]? Value);
