using System.Text;
using Streaming.Model.Architecture;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Torch;

namespace Streaming.Model.Checkpoints;

/// <summary>
/// Puts a <see cref="GruForecaster"/> into a <see cref="CheckpointFile"/> and back: weights and buffers, Adam's
/// state, the step count, the replay buffer and the replay sampler's position, so a restored forecaster predicts
/// bit-identically and goes on training as the original would.
/// </summary>
public static class ForecasterCheckpoint
{
    /// <summary>Section of the weights and buffers.</summary>
    public const string WeightsSection = "model.weights";

    /// <summary>Section of the optimiser state.</summary>
    public const string OptimizerSection = "model.optimizer";

    /// <summary>Section of the step count, sampler position and replay buffer.</summary>
    public const string TrainingSection = "model.training";

    /// <summary>Section of the <c>Model:Mode</c> the model was trained in (absent in checkpoints before it was kept).</summary>
    public const string ModeSection = "model.mode";

    /// <summary>A checkpoint of <paramref name="forecaster"/>'s current state (more sections may be added to it).</summary>
    public static CheckpointFile Capture(GruForecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        using var use = forecaster.Use();
        var file = new CheckpointFile(forecaster.Architecture);
        file.Set(ModeSection, Encoding.UTF8.GetBytes(forecaster.Options.Mode.ToString()));
        file.Set(WeightsSection, TensorStateCodec.Write(forecaster.Network));
        file.Set(OptimizerSection, Serialize(writer => forecaster.Optimizer.save_state_dict(writer)));
        file.Set(TrainingSection, Serialize(writer =>
        {
            writer.Write(forecaster.TrainingSteps);
            writer.Write(forecaster.Sampler.State);
            forecaster.Replay.Write(writer);
        }));
        return file;
    }

    /// <summary>
    /// The network's float32 weights and buffers by their state-dict names (as PyTorch names them), in name order: the
    /// raw values another implementation can start from.
    /// </summary>
    public static IReadOnlyList<(string Name, float[] Values)> Weights(GruForecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        using var use = forecaster.Use();
        using var scope = TorchSharp.torch.NewDisposeScope();
        return [.. forecaster.Network.state_dict()
            .Where(entry => entry.Value.dtype == TorchSharp.torch.ScalarType.Float32)
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => (entry.Key, Floats(entry.Value)))];
    }

    private static float[] Floats(TorchSharp.torch.Tensor tensor)
    {
        var values = new float[tensor.numel()];
        FloatTensors.CopyTo(tensor.detach(), values);
        return values;
    }

    /// <summary>
    /// A new forecaster built from <paramref name="options"/> with the checkpoint's state. Refuses (with a
    /// <see cref="CheckpointException"/>, before building anything) a checkpoint whose architecture differs from the
    /// options'; training settings (learning rate, loss, batch sizes) come from the options.
    /// </summary>
    public static GruForecaster Restore(CheckpointFile file, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        RefuseOtherArchitecture(file, GruArchitecture.From(options));
        var forecaster = new GruForecaster(options);
        try
        {
            Load(file, forecaster);
            return forecaster;
        }
        catch
        {
            forecaster.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts the checkpoint's state into <paramref name="forecaster"/>, a model already in use (the worker's, restored
    /// from its group's model topic at start). Refuses another architecture before touching anything; on a failure
    /// while loading, the forecaster is left half-loaded and must not be used.
    /// </summary>
    public static void RestoreInto(CheckpointFile file, GruForecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(forecaster);
        RefuseOtherArchitecture(file, forecaster.Architecture);
        Load(file, forecaster);
    }

    private static void RefuseOtherArchitecture(CheckpointFile file, GruArchitecture configured)
    {
        IReadOnlyList<string> differences = file.Architecture.DifferencesFrom(configured);
        if (differences.Count > 0)
        {
            throw new CheckpointException(
                $"The checkpoint is of another architecture ({file.Architecture}) than configured ({configured}): " +
                $"{string.Join("; ", differences)}. Configure the checkpoint's architecture or train a new checkpoint.");
        }
    }

    private static void Load(CheckpointFile file, GruForecaster forecaster)
    {
        var options = forecaster.Options;
        using var use = forecaster.Use();
        try
        {
            TensorStateCodec.Read(forecaster.Network, file.Get(WeightsSection));
            forecaster.WeightsChanged();
            using (var reader = new BinaryReader(new MemoryStream(file.Get(OptimizerSection)), Encoding.UTF8))
            {
                forecaster.Optimizer.load_state_dict(reader);
            }

            // Adam's saved state carries its learning rate too: the configured one wins, as documented.
            foreach (var group in forecaster.Optimizer.ParamGroups)
            {
                group.LearningRate = options.LearningRate;
            }

            using (var reader = new BinaryReader(new MemoryStream(file.Get(TrainingSection)), Encoding.UTF8))
            {
                forecaster.TrainingSteps = reader.ReadInt64();
                forecaster.Sampler.State = reader.ReadUInt64();
                forecaster.Replay.Read(reader);
            }
        }
        catch (Exception ex) when (ex is not CheckpointException)
        {
            throw new CheckpointException($"The checkpoint's model state does not load: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Makes <paramref name="options"/> describe <paramref name="checkpoint"/>'s architecture, so that a checkpoint is
    /// served as it was trained without repeating its <c>Model:</c> settings. A setting moved away from its default
    /// that the checkpoint contradicts is a conflict, not something to override silently: <see cref="CheckpointException"/>.
    /// </summary>
    public static void AdoptArchitecture(ModelOptions options, GruArchitecture checkpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var configured = GruArchitecture.From(options);
        var setByUser = Keys(GruArchitecture.From(new ModelOptions()).DifferencesFrom(configured));
        var conflicts = checkpoint.DifferencesFrom(configured).Where(d => setByUser.Contains(Key(d))).ToList();
        if (conflicts.Count > 0)
        {
            throw new CheckpointException(
                $"The checkpoint is of another architecture ({checkpoint}) than configured ({configured}): {string.Join("; ", conflicts)}. " +
                "Remove those settings to serve the checkpoint's architecture, or train a checkpoint of the configured one.");
        }

        options.WindowSize = checkpoint.WindowSize;
        options.HiddenSize = checkpoint.HiddenSize;
        options.Layers = checkpoint.Layers;
        options.Dropout = checkpoint.Dropout;
        options.Bidirectional = checkpoint.Bidirectional;
        options.Pooling = checkpoint.Pooling;
        options.Normalization = checkpoint.Normalization;
    }

    /// <summary>The <c>Model:Mode</c> <paramref name="file"/> was trained in, or null for a checkpoint that does not say.</summary>
    public static ForecastMode? ModeOf(CheckpointFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Find(ModeSection) is not { } bytes)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        return Enum.TryParse<ForecastMode>(text, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new CheckpointException($"The checkpoint's mode '{text}' is none of {string.Join(", ", Enum.GetNames<ForecastMode>())}.");
    }

    /// <summary>
    /// Makes <paramref name="options"/> describe the model in <paramref name="file"/>: its architecture
    /// (<see cref="AdoptArchitecture"/>) and the mode it was trained in. A <c>Model:Mode</c> moved away from its default
    /// that the checkpoint contradicts is refused with <see cref="CheckpointException"/>, as an architecture setting is.
    /// </summary>
    public static void Adopt(ModelOptions options, CheckpointFile file)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(file);
        var mode = ModeOf(file);
        if (mode is { } trained && options.Mode != new ModelOptions().Mode && options.Mode != trained)
        {
            throw new CheckpointException(
                $"The checkpoint was trained in another mode than configured: Model:Mode checkpoint={trained} configured={options.Mode}. " +
                "Remove Model:Mode to serve the checkpoint's, or train a checkpoint in the configured mode.");
        }

        AdoptArchitecture(options, file.Architecture);
        if (mode is { } adopted)
        {
            options.Mode = adopted;
        }
    }

    // A difference reads "Model:Key checkpoint=a configured=b".
    private static string Key(string difference) => difference[..difference.IndexOf(' ', StringComparison.Ordinal)];

    private static HashSet<string> Keys(IEnumerable<string> differences) => [.. differences.Select(Key)];

    private static byte[] Serialize(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
