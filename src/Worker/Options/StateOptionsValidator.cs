using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Worker.Options;

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
