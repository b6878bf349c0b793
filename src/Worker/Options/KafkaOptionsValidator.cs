using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Worker.Options;

/// <summary>Start-up checks of <see cref="KafkaOptions"/>: each message names the key and the fix.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            failures.Add(OptionMessages.Required("Kafka:GroupId", "anomaly-detector"));
        }

        if (options.HasBroker && !options.UsesEmbeddedBroker && options.BootstrapServers.Split(',').Any(s => !LooksLikeHostPort(s.Trim())))
        {
            failures.Add(OptionMessages.Invalid("Kafka:BootstrapServers", options.BootstrapServers,
                "it must be a comma-separated list of host:port, or 'embedded' for the in-process broker", KafkaOptions.Embedded));
        }

        OptionMessages.CheckRange(failures, "Kafka:EmbeddedPartitions", options.EmbeddedPartitions, 1, 1024, "16");
        OptionMessages.CheckRange(failures, "Kafka:BrokerTimeoutSeconds", options.BrokerTimeoutSeconds, 0, 86400, "120");
        CheckClientSettings(failures, "Kafka:Consumer", options.Settings, options.Consumer, settings =>
            new ConsumerBuilder<Null, Null>(new ConsumerConfig(settings) { GroupId = "validation" }).SetLogHandler((_, _) => { }).Build());
        CheckClientSettings(failures, "Kafka:Producer", options.Settings, options.Producer, settings =>
            new ProducerBuilder<Null, Null>(new ProducerConfig(settings)).SetLogHandler((_, _) => { }).Build());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // librdkafka is the authority on its own settings: build a client (no broker is contacted before it is used)
    // so that a misspelt or mistyped setting stops start-up here, with its key, rather than inside a worker thread.
    private static void CheckClientSettings(List<string> failures, string section, Dictionary<string, string> shared,
        Dictionary<string, string> specific, Func<Dictionary<string, string>, IDisposable> build)
    {
        var merged = new Dictionary<string, string>(shared);
        foreach (var (key, value) in specific)
        {
            merged[key] = value;
        }

        if (merged.Count == 0)
        {
            return;
        }

        try
        {
            build(merged).Dispose();
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            failures.Add($"Kafka:Settings / {section} hold a setting librdkafka refuses: {ex.Message}. Fix or remove that key (see the librdkafka CONFIGURATION reference); settings are passed through as Kafka:Settings:<librdkafka name>.");
        }
    }

    private static bool LooksLikeHostPort(string entry)
    {
        var colon = entry.LastIndexOf(':');
        return colon > 0 && int.TryParse(entry.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}
