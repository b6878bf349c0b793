using Microsoft.Extensions.Options;
using Streaming.Model.Architecture;
using Streaming.Model.Forecasting;

namespace Streaming.Model.Options;

/// <summary>
/// Rejects <see cref="ModelOptions"/> outside their working ranges at startup, with messages that name
/// the configuration key, the environment variable and the default, so an operator can fix them directly.
/// </summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = new ModelOptions();
        var failures = new List<string>();

        CheckRange(failures, nameof(ModelOptions.WindowSize), options.WindowSize, 2, 1000, defaults.WindowSize);
        CheckRange(failures, nameof(ModelOptions.HiddenSize), options.HiddenSize, 1, 1024, defaults.HiddenSize);
        CheckRange(failures, nameof(ModelOptions.Layers), options.Layers, 1, 16, defaults.Layers);
        CheckRange(failures, nameof(ModelOptions.TrainBatchSize), options.TrainBatchSize, 1, 4096, defaults.TrainBatchSize);
        CheckRange(failures, nameof(ModelOptions.MaxTrainBatchSize), options.MaxTrainBatchSize, 1, 4096, defaults.MaxTrainBatchSize);
        CheckRange(failures, nameof(ModelOptions.ReplayCapacity), options.ReplayCapacity, 0, 1_000_000, defaults.ReplayCapacity);
        CheckRange(failures, nameof(ModelOptions.RollbackSnapshotSteps), options.RollbackSnapshotSteps, 1, 1_000_000, defaults.RollbackSnapshotSteps);

        if (!double.IsFinite(options.LearningRate) || options.LearningRate <= 0 || options.LearningRate > 1)
        {
            failures.Add(Message(nameof(ModelOptions.LearningRate), options.LearningRate,
                "it must be a finite number greater than 0 and at most 1", defaults.LearningRate));
        }

        if (!double.IsFinite(options.TrainSamplesPerPoint) || options.TrainSamplesPerPoint < 0 || options.TrainSamplesPerPoint > 1024)
        {
            failures.Add(Message(nameof(ModelOptions.TrainSamplesPerPoint), options.TrainSamplesPerPoint,
                "it must be between 0 (frozen model) and 1024", defaults.TrainSamplesPerPoint));
        }

        if (!double.IsFinite(options.GradientClipNorm) || options.GradientClipNorm < 0)
        {
            failures.Add(Message(nameof(ModelOptions.GradientClipNorm), options.GradientClipNorm,
                "it must be a finite number, 0 (off) or greater", defaults.GradientClipNorm));
        }

        if (!double.IsFinite(options.MaxScaledInput) || options.MaxScaledInput < 1)
        {
            failures.Add(Message(nameof(ModelOptions.MaxScaledInput), options.MaxScaledInput,
                "it must be a finite number of at least 1 (a series' own range scales to [0, 1])", defaults.MaxScaledInput));
        }

        if (!double.IsFinite(options.RollbackLossFactor) || (options.RollbackLossFactor != 0 && options.RollbackLossFactor <= 1))
        {
            failures.Add(Message(nameof(ModelOptions.RollbackLossFactor), options.RollbackLossFactor,
                "it must be 0 (off) or a finite number greater than 1", defaults.RollbackLossFactor));
        }

        if (!double.IsFinite(options.Dropout) || options.Dropout < 0 || options.Dropout >= 1)
        {
            failures.Add(Message(nameof(ModelOptions.Dropout), options.Dropout, "it must be at least 0 and below 1", defaults.Dropout));
        }

        if (!double.IsFinite(options.HuberDelta) || options.HuberDelta <= 0)
        {
            failures.Add(Message(nameof(ModelOptions.HuberDelta), options.HuberDelta, "it must be a finite number greater than 0", defaults.HuberDelta));
        }

        if (!double.IsFinite(options.AdamEpsilon) || options.AdamEpsilon <= 0 || options.AdamEpsilon > 1)
        {
            failures.Add(Message(nameof(ModelOptions.AdamEpsilon), options.AdamEpsilon, "it must be greater than 0 and at most 1", defaults.AdamEpsilon));
        }

        CheckDefined(failures, nameof(ModelOptions.Pooling), options.Pooling, defaults.Pooling);
        CheckDefined(failures, nameof(ModelOptions.Normalization), options.Normalization, defaults.Normalization);
        CheckDefined(failures, nameof(ModelOptions.Initialization), options.Initialization, defaults.Initialization);
        CheckDefined(failures, nameof(ModelOptions.Loss), options.Loss, defaults.Loss);
        CheckDefined(failures, nameof(ModelOptions.Mode), options.Mode, defaults.Mode);
        if (options.Mode == ForecastMode.Streaming && StreamingGru.Unsupported(GruArchitecture.From(options)) is { } reason)
        {
            failures.Add(Message(nameof(ModelOptions.Mode), options.Mode,
                $"streaming carries one GRU state per series, and {reason}; or set {ModelOptions.Section}:{nameof(ModelOptions.Mode)} to Windowed", defaults.Mode));
        }

        if (!string.IsNullOrEmpty(options.Checkpoint) && !File.Exists(options.Checkpoint))
        {
            failures.Add(Message(nameof(ModelOptions.Checkpoint), options.Checkpoint,
                "no such file (write one with the train command, or leave it empty to start from fresh weights)", "\"\""));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string property, int value, int min, int max, int fallback)
    {
        if (value < min || value > max)
        {
            failures.Add(Message(property, value, $"it must be between {min} and {max}", fallback));
        }
    }

    private static void CheckDefined<T>(List<string> failures, string property, T value, T fallback)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            failures.Add(Message(property, value, $"it must be one of {string.Join(", ", Enum.GetNames<T>())}", fallback));
        }
    }

    private static string Message(string property, object value, string rule, object fallback) =>
        OptionMessages.Invalid($"{ModelOptions.Section}:{property}", value, rule, fallback);
}
