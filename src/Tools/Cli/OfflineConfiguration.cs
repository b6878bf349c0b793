using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Streaming.Model.Options;
using Streaming.Model.Scoring;

namespace Streaming.Tools.Cli;

/// <summary>The <c>Model:</c> and <c>Scoring:</c> options of an offline command, from the worker's sources, validated.</summary>
internal static class OfflineConfiguration
{
    /// <summary>Binds and validates both sections; throws <see cref="OptionsValidationException"/> naming each bad key.</summary>
    public static (ModelOptions Model, ScoringOptions Scoring) Load(IEnumerable<string> configArgs)
    {
        var configuration = ToolsHost.CreateBuilder([.. configArgs]).Configuration;
        Worker.Options.KnownSettings.ThrowIfUnknown(configuration);
        var model = configuration.GetSection(ModelOptions.Section).Get<ModelOptions>() ?? new ModelOptions();
        var scoring = configuration.GetSection(ScoringOptions.Section).Get<ScoringOptions>() ?? new ScoringOptions();
        var failures = new ModelOptionsValidator().Validate(null, model).Failures ?? [];
        failures = [.. failures, .. new ScoringOptionsValidator().Validate(null, scoring).Failures ?? []];
        return failures.Any() ? throw new OptionsValidationException("configuration", typeof(ModelOptions), failures) : (model, scoring);
    }
}
