using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;

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

        if (!options.UsesEmbeddedBroker && options.BootstrapServers.Split(',').Any(s => !LooksLikeHostPort(s.Trim())))
        {
            failures.Add(OptionMessages.Invalid("Kafka:BootstrapServers", options.BootstrapServers,
                "it must be a comma-separated list of host:port, or 'embedded' for the in-process broker", KafkaOptions.Embedded));
        }

        OptionMessages.CheckRange(failures, "Kafka:EmbeddedPartitions", options.EmbeddedPartitions, 1, 1024, "16");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool LooksLikeHostPort(string entry)
    {
        var colon = entry.LastIndexOf(':');
        return colon > 0 && int.TryParse(entry.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }
}

/// <summary>Start-up checks of <see cref="OutputOptions"/>.</summary>
public sealed class OutputOptionsValidator : IValidateOptions<OutputOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(failures, "Output:PredictionsTopic", options.PredictionsTopic, "sensor-predictions");
        Require(failures, "Output:AnomaliesTopic", options.AnomaliesTopic, "sensor-anomalies");
        Require(failures, "Output:DeadLetterTopic", options.DeadLetterTopic, "sensor-points-dlq");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, string key, string value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(OptionMessages.Required(key, example));
        }
    }
}

/// <summary>Start-up checks of <see cref="PipelineOptions"/>.</summary>
public sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionMessages.CheckRange(failures, "Pipeline:MaxBatchSize", options.MaxBatchSize, 1, 65536, "256");
        OptionMessages.CheckRange(failures, "Pipeline:ShutdownTimeoutSeconds", options.ShutdownTimeoutSeconds, 1, 600, "15");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
