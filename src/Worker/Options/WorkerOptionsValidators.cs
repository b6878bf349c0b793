using Confluent.Kafka;
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
        OptionMessages.CheckRange(failures, "Pipeline:MaxBatchSize", options.MaxBatchSize, 1, 65536, "1024");
        if (!(options.LearnTimeShare >= 0 && options.LearnTimeShare <= 1))
        {
            failures.Add(OptionMessages.Invalid("Pipeline:LearnTimeShare", options.LearnTimeShare,
                "it must be from 0 to 1 (the most of the model thread's time learning may take while records wait; 1 = no limit)", "0.25"));
        }

        if (!(options.IdleLearnShare >= 0 && options.IdleLearnShare <= 1))
        {
            failures.Add(OptionMessages.Invalid("Pipeline:IdleLearnShare", options.IdleLearnShare,
                "it must be from 0 to 1 (the most of the model thread's idle time learning may take; 1 = all of it)", "1"));
        }

        OptionMessages.CheckRange(failures, "Pipeline:ShutdownTimeoutSeconds", options.ShutdownTimeoutSeconds, 1, 600, "15");
        OptionMessages.CheckRange(failures, "Pipeline:TransactionIntervalMs", options.TransactionIntervalMs, 1, 60000, "100");
        if (!Enum.IsDefined(options.Delivery))
        {
            failures.Add(OptionMessages.Invalid("Pipeline:Delivery", options.Delivery, "it must be AtLeastOnce or ExactlyOnce", "AtLeastOnce"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Start-up checks of <see cref="TelemetryOptions"/>.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckPrefix(failures, "Telemetry:PrometheusUrl", options.PrometheusUrl, "http://127.0.0.1:9464/");
        CheckPrefix(failures, "Telemetry:HealthUrl", options.HealthUrl, "http://127.0.0.1:8081/");
        // One web server serves both and tells them apart by the port a request came in on: the ports must differ.
        if (TelemetryOptions.IsListenerPrefix(options.PrometheusUrl) && TelemetryOptions.IsListenerPrefix(options.HealthUrl)
            && TelemetryOptions.HostAndPort(options.PrometheusUrl).Port == TelemetryOptions.HostAndPort(options.HealthUrl).Port)
        {
            failures.Add(OptionMessages.Invalid("Telemetry:HealthUrl", options.HealthUrl, "it must differ from Telemetry:PrometheusUrl (each endpoint needs its own port)", "http://127.0.0.1:8081/"));
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var otlp) && otlp.Scheme is "http" or "https"))
        {
            failures.Add(OptionMessages.Invalid("Telemetry:OtlpEndpoint", options.OtlpEndpoint, "it must be an http(s) URL such as http://otel-collector:4317, or empty for no OTLP export", "(empty)"));
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            failures.Add(OptionMessages.Invalid("Telemetry:OtlpProtocol", options.OtlpProtocol, "it must be grpc or http/protobuf", "grpc"));
        }

        OptionMessages.CheckRange(failures, "Telemetry:ExportIntervalSeconds", options.ExportIntervalSeconds, 1, 3600, "60");
        OptionMessages.CheckRange(failures, "Telemetry:StallSeconds", options.StallSeconds, 1, 3600, "30");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPrefix(List<string> failures, string key, string value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!TelemetryOptions.IsListenerPrefix(value))
        {
            failures.Add(OptionMessages.Invalid(key, value,
                "it must be a URL http://HOST:PORT/ (HOST 127.0.0.1, localhost, a name, or + for every interface; ending in /), or empty to turn the endpoint off", example));
        }
        else if (TelemetryOptions.HostAndPort(value).Port is < 1 or > 65535)
        {
            failures.Add(OptionMessages.Invalid(key, value, "its port must be 1-65535", example));
        }
    }
}

/// <summary>Start-up checks of <see cref="StateOptions"/> (and its tie to <c>Pipeline:Delivery</c>).</summary>
public sealed class StateOptionsValidator(Microsoft.Extensions.Options.IOptions<PipelineOptions> pipeline) : IValidateOptions<StateOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        OptionMessages.CheckRange(failures, "State:SnapshotIntervalSeconds", options.SnapshotIntervalSeconds, 1, 86400, "30");
        OptionMessages.CheckRange(failures, "State:RestoreTimeoutSeconds", options.RestoreTimeoutSeconds, 1, 600, "30");
        if (!options.Enabled && pipeline.Value.Delivery == DeliveryGuarantee.ExactlyOnce)
        {
            failures.Add(OptionMessages.Invalid("State:Enabled", options.Enabled,
                "Pipeline:Delivery=ExactlyOnce keeps its input positions in the state topic", "true (or Pipeline:Delivery=AtLeastOnce)"));
        }

        if (options.Enabled && !string.IsNullOrWhiteSpace(options.Topic) && string.Equals(options.Topic, options.ModelTopic, StringComparison.Ordinal))
        {
            failures.Add(OptionMessages.Invalid("State:ModelTopic", options.ModelTopic, "it must differ from State:Topic", "leave it empty"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
