using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Worker.Options;

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
