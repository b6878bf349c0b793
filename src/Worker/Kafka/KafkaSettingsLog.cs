using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Worker.Kafka;

/// <summary>
/// Logs the librdkafka settings a client starts with, so an operator can see what the worker really uses, with every
/// secret (passwords, client secrets, private keys, JAAS and OAuth configurations) replaced by <c>***</c>.
/// </summary>
public static partial class KafkaSettingsLog
{
    /// <summary>What stands in for a secret's value.</summary>
    public const string Hidden = "***";

    private static readonly string[] SecretMarkers = ["password", "secret", "private", "key.pem", "jaas", "oauthbearer.config", "token"];

    /// <summary>True when <paramref name="key"/> names a setting whose value must never be shown.</summary>
    public static bool IsSecret(string key) =>
        SecretMarkers.Any(marker => key.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings as <c>key=value</c> pairs, sorted, with secrets hidden.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, string>> settings) =>
        string.Join(", ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={(IsSecret(s.Key) ? Hidden : s.Value)}"));

    /// <summary>Logs <paramref name="config"/> for the client named <paramref name="client"/> and returns it.</summary>
    public static T Logged<T>(ILogger logger, string client, T config)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(config);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var described = Describe(config);
            LogSettings(logger, client, described);
        }

        return config;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka {Client} settings: {Settings}")]
    private static partial void LogSettings(ILogger logger, string client, string settings);
}
