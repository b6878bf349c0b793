using Streaming.Model.Architecture;
using Streaming.Model.Options;
using Streaming.Model.Torch;
using Streaming.Model.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Forecasting;

/// <summary>
/// Online next-value predictor shared by all series: the <see cref="GruArchitecture"/> the options describe (GRU
/// layers over a window [B, W, 1], normalisation, pooling, Linear → [B]), trained with Adam on MSE or Huber loss.
/// Values are in the caller's scaled units (typically [0, 1]); windows are row-major [B, W], oldest→newest.
/// Not thread-safe: call from one thread (the model thread).
/// </summary>
public sealed class GruForecaster : IDisposable
{
    // torch.manual_seed sets the process-wide default generator that nn.Module init draws from;
    // serialising construction keeps each forecaster's initial weights a function of its Seed only.
    internal static readonly Lock SeedLock = new();

    private readonly ModelOptions options;
    private readonly ForecastNetwork network;
    private readonly Adam optimizer;
    private readonly Parameter[] parameters;
    private readonly ReplayBuffer replay;
    private readonly SplitMix64 sampler;
    private readonly float[] batchWindows;
    private readonly float[] batchTargets;
    private float[] freshWindows = [];
    private float[] freshTargets = [];
    private bool training;
    private bool disposed;

    /// <summary>Creates a forecaster with weights initialised from <see cref="ModelOptions.Seed"/>.</summary>
    public GruForecaster(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureInitialized();
        this.options = options;
        Architecture = GruArchitecture.From(options);
        WindowSize = options.WindowSize;

        lock (SeedLock)
        {
            manual_seed(options.Seed);
            network = new ForecastNetwork(Architecture, options.Initialization);
        }

        parameters = network.parameters().ToArray();
        optimizer = new GcSafeAdam(parameters, options.LearningRate, options.AdamEpsilon);
        replay = new ReplayBuffer(options.ReplayCapacity, WindowSize);
        sampler = new SplitMix64((ulong)options.Seed);
        batchWindows = new float[options.TrainBatchSize * WindowSize];
        batchTargets = new float[options.TrainBatchSize];
        network.eval();
    }

    /// <summary>The network's architecture (what a checkpoint must match).</summary>
    public GruArchitecture Architecture { get; }

    /// <summary>Points per input window (W).</summary>
    public int WindowSize { get; }

    /// <summary>Adam steps applied so far (skipped non-finite steps excluded).</summary>
    public long TrainingSteps { get; internal set; }

    /// <summary>The settings this forecaster was built with (a copy would not be needed: they are read, never written).</summary>
    internal ModelOptions Options => options;

    internal ForecastNetwork Network => network;

    internal Adam Optimizer => optimizer;

    internal ReplayBuffer Replay => replay;

    internal SplitMix64 Sampler => sampler;

    /// <summary>
    /// Predicts the value after each window. <paramref name="windows"/>: B×W floats, row-major [B, W],
    /// oldest→newest, scaled; <paramref name="predictions"/>: B floats, written. B may be 0.
    /// </summary>
    public void Predict(ReadOnlySpan<float> windows, Span<float> predictions)
    {
        int batch = BatchSize(windows, predictions.Length, nameof(predictions));
        if (batch == 0)
        {
            return;
        }

        TorchRuntime.EnsureThreadConfigured();
        SetTraining(false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = ToInput(windows, batch);
        Tensor output = network.call(input);
        using var accessor = output.data<float>();
        accessor.CopyTo(predictions[..batch]);
    }

    /// <summary>
    /// Adds the B (window → target) pairs to the replay buffer, then runs ceil(B × TrainSamplesPerPoint /
    /// TrainBatchSize) Adam steps (at least one). The steps take the new pairs in turn, in equal chunks of at
    /// most TrainBatchSize, each topped up to TrainBatchSize with uniform replay samples of older pairs (never
    /// more than the replay holds). Pairs with a non-finite value are dropped. A step whose loss is non-finite
    /// is skipped (no weight update).
    /// </summary>
    /// <param name="windows">B×W floats, row-major [B, W], oldest→newest, scaled.</param>
    /// <param name="targets">B floats: the value that followed each window, scaled.</param>
    /// <returns>MSE (scaled units²) of the last step, whether applied or skipped; NaN if no step ran.</returns>
    public float Learn(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets)
    {
        int batch = BatchSize(windows, targets.Length, nameof(targets));
        int fresh = CollectFresh(windows, targets, batch);
        if (options.TrainSamplesPerPoint == 0 || fresh == 0)
        {
            return float.NaN;
        }

        // Each step trains on the next chunk of the new pairs, topped up with older pairs from replay.
        TorchRuntime.EnsureThreadConfigured();
        int steps = Math.Max(1, (int)Math.Ceiling(fresh * options.TrainSamplesPerPoint / options.TrainBatchSize));
        int chunk = Math.Min(options.TrainBatchSize, (fresh + steps - 1) / steps);
        int older = Math.Max(replay.Count - fresh, 0);
        SetTraining(true);
        float loss = float.NaN;
        for (int step = 0; step < steps; step++)
        {
            int first = step * chunk % fresh;
            int take = Math.Min(chunk, fresh - first);
            freshWindows.AsSpan(first * WindowSize, take * WindowSize).CopyTo(batchWindows);
            freshTargets.AsSpan(first, take).CopyTo(batchTargets);
            int topUp = Math.Min(options.TrainBatchSize - take, older);
            replay.Sample(sampler, batchWindows.AsSpan(take * WindowSize, topUp * WindowSize), batchTargets.AsSpan(take, topUp));
            loss = Step(batchWindows, batchTargets, take + topUp);
        }

        return loss;
    }

    /// <summary>
    /// One Adam step on exactly these B pairs (offline training: no replay, nothing stored). Dropout is active.
    /// </summary>
    /// <param name="windows">B×W floats, row-major [B, W], oldest→newest, scaled; all finite.</param>
    /// <param name="targets">B floats: the value that followed each window, scaled.</param>
    /// <returns>The batch's loss before the step (scaled units² for MSE); a non-finite loss skips the step.</returns>
    public float TrainStep(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets)
    {
        int batch = BatchSize(windows, targets.Length, nameof(targets));
        if (batch == 0)
        {
            return float.NaN;
        }

        TorchRuntime.EnsureThreadConfigured();
        SetTraining(true);
        return Step(windows, targets, batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        optimizer.Dispose();
        network.Dispose();
    }

    // Copies every finite pair (oldest first) into the fresh buffers and into replay; returns how many there are.
    private int CollectFresh(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets, int batch)
    {
        if (freshTargets.Length < batch)
        {
            freshWindows = new float[batch * WindowSize];
            freshTargets = new float[batch];
        }

        int fresh = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> window = windows.Slice(row * WindowSize, WindowSize);
            if (!float.IsFinite(targets[row]) || !AllFinite(window))
            {
                continue;
            }

            window.CopyTo(freshWindows.AsSpan(fresh * WindowSize, WindowSize));
            freshTargets[fresh++] = targets[row];
            replay.Add(window, targets[row]);
        }

        return fresh;
    }

    private float Step(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets, int size)
    {
        using var scope = NewDisposeScope();
        Tensor input = ToInput(windows[..(size * WindowSize)], size);
        Tensor target = empty(size, ScalarType.Float32);
        using (var accessor = target.data<float>())
        {
            accessor.CopyFrom(targets[..size]);
        }

        optimizer.zero_grad();
        Tensor output = network.call(input);
        Tensor loss = options.Loss == LossKind.Huber
            ? nn.functional.huber_loss(output, target, delta: options.HuberDelta)
            : nn.functional.mse_loss(output, target);
        float value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            return value;
        }

        loss.backward();
        if (options.GradientClipNorm > 0)
        {
            nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm);
        }

        optimizer.step();
        TrainingSteps++;
        return value;
    }

    private Tensor ToInput(ReadOnlySpan<float> windows, int batch)
    {
        Tensor input = empty(new long[] { batch, WindowSize, 1 }, ScalarType.Float32);
        using var accessor = input.data<float>();
        accessor.CopyFrom(windows);
        return input;
    }

    private int BatchSize(ReadOnlySpan<float> windows, int rows, string rowsName)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (windows.Length != rows * WindowSize)
        {
            throw new ArgumentException(
                $"Expected {rows} windows of {WindowSize} values ({rows * WindowSize} floats) to match {rowsName}, got {windows.Length}.",
                nameof(windows));
        }

        return rows;
    }

    private void SetTraining(bool train)
    {
        if (training != train)
        {
            network.train(train);
            training = train;
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
