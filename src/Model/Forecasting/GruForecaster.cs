using Streaming.Model.Architecture;
using Streaming.Model.Options;
using Streaming.Model.Torch;
using Streaming.Model.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Forecasting;

/// <summary>
/// Online next-value predictor shared by all series: the <see cref="GruArchitecture"/> the options describe (GRU
/// layers over a window [B, W, 1], normalisation, pooling, Linear → [B]), trained with Adam on MSE or Huber loss.
/// Values are in the caller's scaled units (typically [0, 1]); windows are row-major [B, W], oldest→newest.
/// Not thread-safe: call from one thread (the model thread); only <see cref="Dispose"/> may come from another, and waits
/// for the call in progress.
/// </summary>
/// <remarks>
/// Poisoning guard: pairs with a non-finite value or a scaled value beyond ±<see cref="ModelOptions.MaxScaledInput"/>
/// are never learned; gradients are clipped (<see cref="ModelOptions.GradientClipNorm"/>); a step with a non-finite
/// or exploding loss, non-finite gradients or non-finite weights afterwards puts back the last good weights and Adam
/// state (copied every <see cref="ModelOptions.RollbackSnapshotSteps"/> good steps) and raises <see cref="RolledBack"/>.
/// </remarks>
public sealed class GruForecaster : IDisposable
{
    // torch.manual_seed sets the process-wide default generator that nn.Module init and dropout draw from. Holding
    // this lock over construction and over every forward that draws keeps each forecaster's initial weights a
    // function of its Seed only, whatever other forecasters on other threads are doing.
    internal static readonly Lock SeedLock = new();

    private readonly ModelOptions _options;
    private readonly ForecastNetwork _network;
    private readonly Adam _optimizer;
    private readonly Parameter[] _parameters;
    private readonly ReplayBuffer _replay;
    private readonly SplitMix64 _sampler;
    private readonly LearningBatches _batches;
    private readonly TrainingGuard _guard;
    private readonly ManagedGruForward? _managed;
    private bool _managedStale = true;
    private bool _training;
    private bool _disposed;

    // The host disposes the forecaster from its own thread when it stops, also after the model thread failed to drain
    // in time and may be mid-step; freeing the weights under a running step corrupts native memory. Every use of the
    // network holds this lock (uncontended: one thread uses it), so Dispose waits for the step in progress.
    private readonly Lock _use = new();

    /// <summary>Creates a forecaster with weights initialised from <see cref="ModelOptions.Seed"/>.</summary>
    public GruForecaster(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureInitialized();
        _options = options;
        Architecture = GruArchitecture.From(options);
        WindowSize = options.WindowSize;

        lock (SeedLock)
        {
            manual_seed(options.Seed);
            _network = new ForecastNetwork(Architecture, options.Initialization);
        }

        _parameters = _network.parameters().ToArray();
        var adam = new GcSafeAdam(_parameters, options.LearningRate, options.AdamEpsilon);
        _optimizer = adam;
        _guard = new TrainingGuard(_network, _parameters, adam, options.RollbackLossFactor, options.RollbackSnapshotSteps);
        _replay = new ReplayBuffer(options.ReplayCapacity, WindowSize);
        _sampler = new SplitMix64((ulong)options.Seed);
        _batches = new LearningBatches(options, _replay, _sampler);
        _network.eval();
        _managed = options.ManagedForward ? ManagedGruForward.For(Architecture) : null;
    }

    /// <summary>The network's architecture (what a checkpoint must match).</summary>
    public GruArchitecture Architecture { get; }

    /// <summary>Points per input window (W).</summary>
    public int WindowSize { get; }

    /// <summary>
    /// New points one <see cref="Learn"/> step takes: MaxTrainBatchSize / TrainSamplesPerPoint (at least 1; int.MaxValue
    /// when the model does not train). Learning fewer points still costs a step (topped up from replay).
    /// </summary>
    public int PointsPerStep => _options.TrainSamplesPerPoint <= 0
        ? int.MaxValue
        : Math.Max(1, (int)(LearningBatches.MaxBatch(_options) / _options.TrainSamplesPerPoint));

    /// <summary>Adam steps applied so far (skipped non-finite steps excluded).</summary>
    public long TrainingSteps { get; internal set; }

    /// <summary>Raised on the training thread after a bad step was undone and the last good state put back.</summary>
    public event EventHandler<RollbackEventArgs>? RolledBack;

    /// <summary>Times the last good state was put back.</summary>
    public long Rollbacks { get; private set; }

    /// <summary>(window, target) pairs never learned: a non-finite value or a scaled value beyond ±<see cref="ModelOptions.MaxScaledInput"/>.</summary>
    public long RejectedPairs { get; internal set; }

    /// <summary>The settings this forecaster was built with (a copy would not be needed: they are read, never written).</summary>
    public ModelOptions Options => _options;

    internal ForecastNetwork Network => _network;

    internal Adam Optimizer => _optimizer;

    internal IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Makes the current weights and Adam state the ones a rollback returns to (after they were replaced from outside).</summary>
    internal void KeepCurrentStateAsGood()
    {
        _guard.Save(TrainingSteps);
        WeightsChanged();
    }

    /// <summary>Holds off <see cref="Dispose"/> for one use of the network (a prediction, a step, a checkpoint); throws once disposed.</summary>
    internal Lock.Scope Use()
    {
        var scope = _use.EnterScope();
        if (_disposed)
        {
            scope.Dispose();
            throw new ObjectDisposedException(nameof(GruForecaster));
        }

        return scope;
    }

    /// <summary>The weights were written (a step, a rollback, a checkpoint): the managed forward copies them again before it predicts.</summary>
    internal void WeightsChanged() => _managedStale = true;

    /// <summary>The C# forward with the current weights, or null when this network has none (see <see cref="ModelOptions.ManagedForward"/>).</summary>
    internal ManagedGruForward? Managed()
    {
        if (_managed is not null && _managedStale)
        {
            TorchRuntime.EnsureThreadConfigured();
            _network.CopyWeightsTo(_managed);
            _managedStale = false;
        }

        return _managed;
    }

    internal ReplayBuffer Replay => _replay;

    internal SplitMix64 Sampler => _sampler;

    /// <summary>
    /// Predicts the value after each window. <paramref name="windows"/>: B×W floats, row-major [B, W],
    /// oldest→newest, scaled; <paramref name="predictions"/>: B floats, written. B may be 0.
    /// </summary>
    public void Predict(ReadOnlySpan<float> windows, Span<float> predictions)
    {
        using var use = Use();
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
        Tensor output = _network.call(input);
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
        using var use = Use();
        int batch = BatchSize(windows, targets.Length, nameof(targets));
        int fresh = _batches.Collect(windows, targets, batch, out int rejected);
        RejectedPairs += rejected;
        if (_options.TrainSamplesPerPoint == 0 || fresh == 0)
        {
            return float.NaN;
        }

        TorchRuntime.EnsureThreadConfigured();
        SetTraining(true);
        float loss = float.NaN;
        for (int step = 0, steps = _batches.Plan(); step < steps; step++)
        {
            int size = _batches.Fill(step);
            loss = Step(_batches.Windows, _batches.Targets, size);
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
        using var use = Use();
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
        lock (_use)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _guard.Dispose();
            _optimizer.Dispose();
            _network.Dispose();
        }
    }

    private float Step(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets, int size)
    {
        using var scope = NewDisposeScope();
        Tensor input = ToInput(windows[..(size * WindowSize)], size);
        Tensor target = FloatTensors.From(targets[..size], size);

        return GuardedStep(() => Loss(_network.call(input), target));
    }

    /// <summary>The configured loss (MSE or Huber, mean over all elements) of <paramref name="output"/> against <paramref name="target"/> (same shape).</summary>
    internal Tensor Loss(Tensor output, Tensor target) => _options.Loss == LossKind.Huber
        ? nn.functional.huber_loss(output, target, delta: _options.HuberDelta)
        : nn.functional.mse_loss(output, target);

    /// <summary>
    /// One guarded Adam step on the scalar loss <paramref name="forward"/> computes (in train mode, inside the caller's
    /// dispose scope): judged, back-propagated, clipped, applied, or undone (see the remarks on the type). Returns the
    /// loss before the step.
    /// </summary>
    internal float GuardedStep(Func<Tensor> forward)
    {
        _guard.EnsureSaved(TrainingSteps);
        WeightsChanged();
        _optimizer.zero_grad();
        Tensor loss = Architecture.LayerDropout > 0 ? ForwardHoldingSeedLock(forward) : forward();
        float value = loss.item<float>();
        RollbackReason? bad = _guard.JudgeLoss(value);
        if (bad is null)
        {
            loss.backward();
            bad = Apply();
        }

        if (bad is null && !_guard.StepSucceeded(TrainingSteps))
        {
            bad = RollbackReason.NonFiniteState;
        }

        if (bad is { } reason)
        {
            RollBack(reason, value);
        }

        return value;
    }

    private static Tensor ForwardHoldingSeedLock(Func<Tensor> forward)
    {
        lock (SeedLock)
        {
            return forward();
        }
    }

    // Clips and applies the gradients; returns why the step is bad, if it is.
    private RollbackReason? Apply()
    {
        if (_options.GradientClipNorm > 0 && !double.IsFinite(nn.utils.clip_grad_norm_(_parameters, _options.GradientClipNorm)))
        {
            return RollbackReason.NonFiniteGradient;
        }

        _optimizer.step();
        TrainingSteps++;
        return _guard.ParametersFinite() ? null : RollbackReason.NonFiniteState;
    }

    private void RollBack(RollbackReason reason, float loss)
    {
        long undone = TrainingSteps - _guard.SavedTrainingSteps;
        TrainingSteps = _guard.Restore();
        Rollbacks++;
        RolledBack?.Invoke(this, new RollbackEventArgs(reason, loss, _guard.LastMedian, undone));
    }

    private Tensor ToInput(ReadOnlySpan<float> windows, int batch)
    {
        return FloatTensors.From(windows, batch, WindowSize, 1);
    }

    private int BatchSize(ReadOnlySpan<float> windows, int rows, string rowsName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
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
        if (_training != train)
        {
            _network.train(train);
            _training = train;
        }
    }
}
