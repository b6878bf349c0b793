using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingest.Kafka;

/// <summary>Routes librdkafka's own log lines into <see cref="ILogger"/> at the matching level.</summary>
public static partial class KafkaClientLog
{
    /// <summary>Writes one librdkafka log message; <c>debug</c> contexts come out at Debug.</summary>
    public static void Write(ILogger logger, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        Log(logger, level, message.Name, message.Facility, message.Message);
    }

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Text}")]
    private static partial void Log(ILogger logger, LogLevel level, string client, string facility, string text);
}
