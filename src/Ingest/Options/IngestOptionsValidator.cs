using Microsoft.Extensions.Options;
using Streaming.Model.Options;

namespace Streaming.Ingest.Options;

/// <summary>Rejects an unusable <see cref="IngestOptions"/> at start-up with the key and the fix.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            failures.Add(OptionMessages.Required("Ingest:Topic", "sensor-points"));
        }

        OptionMessages.CheckRange(failures, "Ingest:MaxPayloadBytes", options.MaxPayloadBytes, 64, 16 * 1024 * 1024, "65536");
        OptionMessages.CheckRange(failures, "Ingest:MaxSeriesIdLength", options.MaxSeriesIdLength, 1, 4096, "256");
        OptionMessages.CheckRange(failures, "Ingest:ChannelCapacity", options.ChannelCapacity, 1, 1_000_000, "8192");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
