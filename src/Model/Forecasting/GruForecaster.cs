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
/// <remarks>
/// Poisoning guard: pairs with a non-finite value or a scaled value beyond ±<see cref="ModelOptions.MaxScaledInput"/>
/// are never learned; gradients are clipped (<see cref="ModelOptions.GradientClipNorm"/>); a step with a non-finite
/// or exploding loss, non-finite gradients or non-finite weights afterwards puts back the last good weights and Adam
/// state (copied every <see cref="ModelOptions.RollbackSnapshotSteps"/> good steps) and raises <see cref="RolledBack"/>.
/// </remarks>
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
    private readonly TrainingGuard guard;
    private readonly ManagedGruForward? managed;
    private bool managedStale = true;
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
        var adam = new GcSafeAdam(parameters, options.LearningRate, options.AdamEpsilon);
        optimizer = adam;
        guard = new TrainingGuard(network, parameters, adam, options.RollbackLossFactor, options.RollbackSnapshotSteps);
        replay = new ReplayBuffer(options.ReplayCapacity, WindowSize);
        sampler = new SplitMix64((ulong)options.Seed);
        batchWindows = new float[MaxBatch * WindowSize];
        batchTargets = new float[MaxBatch];
        network.eval();
        managed = options.ManagedForward ? ManagedGruForward.For(Architecture) : null;
    }

    /// <summary>The network's architecture (what a checkpoint must match).</summary>
    public GruArchitecture Architecture { get; }

    /// <summary>Points per input window (W).</summary>
    public int WindowSize { get; }

    /// <summary>
    /// New points one <see cref="Learn"/> step takes: MaxTrainBatchSize / TrainSamplesPerPoint (at least 1; int.MaxValue
    /// when the model does not train). Learning fewer points still costs a step (topped up from replay).
    /// </summary>
    public int PointsPerStep => options.TrainSamplesPerPoint <= 0
        ? int.MaxValue
        : Math.Max(1, (int)(MaxBatch / options.TrainSamplesPerPoint));

    private int MaxBatch => Math.Max(options.TrainBatchSize, options.MaxTrainBatchSize);

    /// <summary>Adam steps applied so far (skipped non-finite steps excluded).</summary>
    public long TrainingSteps { get; internal set; }

    /// <summary>Raised on the training thread after a bad step was undone and the last good state put back.</summary>
    public event EventHandler<RollbackEventArgs>? RolledBack;

    /// <summary>Times the last good state was put back.</summary>
    public long Rollbacks { get; private set; }

    /// <summary>(window, target) pairs never learned: a non-finite value or a scaled value beyond ±<see cref="ModelOptions.MaxScaledInput"/>.</summary>
    public long RejectedPairs { get; internal set; }

    /// <summary>The settings this forecaster was built with (a copy would not be needed: they are read, never written).</summary>
    public ModelOptions Options => options;

    internal ForecastNetwork Network => network;

    internal Adam Optimizer => optimizer;

    internal IReadOnlyList<Parameter> Parameters => parameters;

    /// <summary>Makes the current weights and Adam state the ones a rollback returns to (after they were replaced from outside).</summary>
    internal void KeepCurrentStateAsGood()
    {
        guard.Save(TrainingSteps);
        WeightsChanged();
    }

    /// <summary>The weights were written (a step, a rollback, a checkpoint): the managed forward copies them again before it predicts.</summary>
    internal void WeightsChanged() => managedStale = true;

    /// <summary>The C# forward with the current weights, or null when this network has none (see <see cref="ModelOptions.ManagedForward"/>).</summary>
    internal ManagedGruForward? Managed()
    {
        if (managed is not null && managedStale)
        {
            TorchRuntime.EnsureThreadConfigured();
            network.CopyWeightsTo(managed);
            managedStale = false;
        }

        return managed;
    }

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

        if (Managed() is { } forward)
        {
            forward.Predict(windows, WindowSize, predictions[..batch]);
            return;
        }

        TorchRuntime.EnsureThreadConfigured();
        SetTraining(false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = ToInput(windows, batch);
        Tensor output = network.call(input);
        FloatTensors.CopyTo(output, predictions[..batch]);
    }

    /// <summary>
    /// Adds the B (window → target) pairs to the replay buffer, then runs ceil(B × TrainSamplesPerPoint /
    /// MaxTrainBatchSize) Adam steps (at least one). The steps take the new pairs in turn, in equal chunks, each
    /// topped up with uniform replay samples of older pairs to chunk × TrainSamplesPerPoint samples, at least
    /// TrainBatchSize and at most MaxTrainBatchSize (never more than the replay holds). Pairs with a non-finite value
    /// or a scaled value beyond ±MaxScaledInput are dropped (counted in <see cref="RejectedPairs"/>). A bad step (see
    /// the remarks on the type) is undone.
    /// </summary>
    /// <param name="windows">B×W floats, row-major [B, W], oldest→newest, scaled.</param>
    /// <param name="targets">B floats: the value that followed each window, scaled.</param>
    /// <returns>MSE (scaled units²) of the last step, whether applied or undone; NaN if no step ran.</returns>
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
        int maxBatch = MaxBatch;
        int steps = Math.Max(1, (int)Math.Ceiling(fresh * options.TrainSamplesPerPoint / maxBatch));
        int chunk = Math.Min(maxBatch, (fresh + steps - 1) / steps);
        int size = Math.Max(Math.Max(options.TrainBatchSize, chunk), (int)Math.Min(maxBatch, Math.Ceiling(chunk * options.TrainSamplesPerPoint)));
        int older = Math.Max(replay.Count - fresh, 0);
        SetTraining(true);
        float loss = float.NaN;
        for (int step = 0; step < steps; step++)
        {
            int first = step * chunk % fresh;
            int take = Math.Min(chunk, fresh - first);
            freshWindows.AsSpan(first * WindowSize, take * WindowSize).CopyTo(batchWindows);
            freshTargets.AsSpan(first, take).CopyTo(batchTargets);
            int topUp = Math.Min(size - take, older);
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
    /// <returns>The batch's loss before the step (scaled units² for MSE); a bad step is undone (see the remarks on the type).</returns>
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
        guard.Dispose();
        optimizer.Dispose();
        network.Dispose();
    }

    // Copies every learnable pair (oldest first) into the fresh buffers and into replay; returns how many there are.
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
            if (!Learnable(targets[row]) || !AllLearnable(window))
            {
                RejectedPairs++;
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
        Tensor target = FloatTensors.From(targets[..size], size);

        return GuardedStep(() => Loss(network.call(input), target));
    }

    /// <summary>The configured loss (MSE or Huber, mean over all elements) of <paramref name="output"/> against <paramref name="target"/> (same shape).</summary>
    internal Tensor Loss(Tensor output, Tensor target) => options.Loss == LossKind.Huber
        ? nn.functional.huber_loss(output, target, delta: options.HuberDelta)
        : nn.functional.mse_loss(output, target);

    /// <summary>
    /// One guarded Adam step on the scalar loss <paramref name="forward"/> computes (in train mode, inside the caller's
    /// dispose scope): judged, back-propagated, clipped, applied, or undone (see the remarks on the type). Returns the
    /// loss before the step.
    /// </summary>
    internal float GuardedStep(Func<Tensor> forward)
    {
        guard.EnsureSaved(TrainingSteps);
        WeightsChanged();
        optimizer.zero_grad();
        Tensor loss = forward();
        float value = loss.item<float>();
        RollbackReason? bad = guard.JudgeLoss(value);
        if (bad is null)
        {
            loss.backward();
            bad = Apply();
        }

        if (bad is null && !guard.StepSucceeded(TrainingSteps))
        {
            bad = RollbackReason.NonFiniteState;
        }

        if (bad is { } reason)
        {
            RollBack(reason, value);
        }

        return value;
    }

    // Clips and applies the gradients; returns why the step is bad, if it is.
    private RollbackReason? Apply()
    {
        if (options.GradientClipNorm > 0 && !double.IsFinite(nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm)))
        {
            return RollbackReason.NonFiniteGradient;
        }

        optimizer.step();
        TrainingSteps++;
        return guard.ParametersFinite() ? null : RollbackReason.NonFiniteState;
    }

    private void RollBack(RollbackReason reason, float loss)
    {
        long undone = TrainingSteps - guard.SavedTrainingSteps;
        TrainingSteps = guard.Restore();
        Rollbacks++;
        RolledBack?.Invoke(this, new RollbackEventArgs(reason, loss, guard.LastMedian, undone));
    }

    private Tensor ToInput(ReadOnlySpan<float> windows, int batch)
    {
        return FloatTensors.From(windows, batch, WindowSize, 1);
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

    internal void SetTraining(bool train)
    {
        if (training != train)
        {
            network.train(train);
            training = train;
        }
    }

    internal bool Learnable(float value) => float.IsFinite(value) && Math.Abs(value) <= options.MaxScaledInput;

    internal bool AllLearnable(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            if (!Learnable(v))
            {
                return false;
            }
        }

        return true;
    }
}
