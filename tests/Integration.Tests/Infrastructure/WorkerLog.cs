using Microsoft.Extensions.Logging;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>
/// Keeps what one in-process worker logs (every level its host lets through to this provider), so a test can show
/// what the worker itself noticed.
/// </summary>
public sealed class WorkerLog : ILoggerProvider
{
    private readonly List<WorkerLogLine> _lines = [];

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<WorkerLogLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(WorkerLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lock (owner._lines)
            {
                owner._lines.Add(new WorkerLogLine(category, logLevel, formatter(state, exception)));
            }
        }
    }
}
