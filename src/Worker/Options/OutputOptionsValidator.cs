using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Worker.Options;

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
