namespace Streaming.Worker.Options;

/// <summary>The topics the worker writes to.</summary>
public sealed class OutputOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Output";

    /// <summary>One message per valid input point: the prediction, residual and score.</summary>
    public string PredictionsTopic { get; set; } = "sensor-predictions";

    /// <summary>Only flagged points, with a severity.</summary>
    public string AnomaliesTopic { get; set; } = "sensor-anomalies";

    /// <summary>Input messages that could not be decoded, as they came, with the reason in headers.</summary>
    public string DeadLetterTopic { get; set; } = "sensor-points-dlq";
}
