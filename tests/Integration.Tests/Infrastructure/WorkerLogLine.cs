using Microsoft.Extensions.Logging;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>One line a worker logged: its category (the logging class), level and formatted message.</summary>
public sealed record WorkerLogLine(string Category, LogLevel Level, string Message);
