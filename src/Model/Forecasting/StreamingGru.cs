using Streaming.Model.Architecture;
using Streaming.Model.Torch;
using Streaming.Model.Training;
using static TorchSharp.torch;

namespace Streaming.Model.Forecasting;

/// <summary>
/// The streaming mode of a <see cref="GruForecaster"/>'s network: each series carries its GRU hidden state h [H] and
/// every point costs one cell step h_t = GRU(x_t, h_{t−1}), batched over series; the prediction of x_{t+1} is
/// Linear(h_t), known before x_{t+1} arrives. Trained statefully, by truncated back-propagation through time over
/// chunks of W = WindowSize steps that start from the series' carried (detached) state rather than from zero.
/// Weights, Adam, the poisoning guard and rollbacks are the forecaster's own. Values are scaled units. Not thread-safe.
/// </summary>
/// <remarks>
/// A training sample is one row of <see cref="SampleSize"/> = H + 2W floats: the state h_s [H] the chunk starts from,
/// its inputs x_{s+1..s+W} [W], and the targets [W], target j being the value that followed input j. The loss is the
/// configured loss over the last <see cref="LossSteps"/> predictions. Only a one-layer, one-direction GRU with last-state pooling streams (see
/// <see cref="Unsupported"/>).
/// </remarks>
public sealed class StreamingGru
{
    private readonly GruForecaster _forecaster;
    private readonly ReplayBuffer _replay;
    private readonly float[] _batch;
    private readonly float[] _fresh;
    private int _freshCount;

    /// <summary>Streams <paramref name="forecaster"/>'s network; throws <see cref="ArgumentException"/> when it cannot stream.</summary>
    public StreamingGru(GruForecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        if (Unsupported(forecaster.Architecture) is { } reason)
        {
            throw new ArgumentException($"{forecaster.Architecture} cannot stream: {reason}.", nameof(forecaster));
        }

        _forecaster = forecaster;
        HiddenSize = forecaster.Architecture.HiddenSize;
        ChunkSize = forecaster.WindowSize;
        SampleSize = HiddenSize + (2 * ChunkSize);
        var options = forecaster.Options;

        // A sample holds W targets: a W-th of the pairs' capacity keeps as many points of history. The replay row is the
        // sample without its last target, which goes in the target slot.
        _replay = new ReplayBuffer(options.ReplayCapacity > 0 ? Math.Max(1, options.ReplayCapacity / ChunkSize) : 0, SampleSize - 1);
        _batch = new float[options.TrainBatchSize * SampleSize];
        _fresh = new float[options.TrainBatchSize * SampleSize];
    }

    /// <summary>The forecaster whose weights and optimiser this mode uses.</summary>
    public GruForecaster Forecaster => _forecaster;

    /// <summary>Hidden units H: floats per carried state.</summary>
    public int HiddenSize { get; }

    /// <summary>Steps per training chunk (W, the configured window size).</summary>
    public int ChunkSize { get; }

    /// <summary>
    /// The last steps of a chunk the loss is taken over, W / 4 (at least 1). The steps before only warm the carried
    /// state up: it was computed with older weights, and a loss on the first steps teaches the network to live with
    /// stale states (Keras sine, online, frozen test MSE: loss on all 10 steps 2.4e-4, on the last 5 4.5e-5, the last 2
    /// 9.4e-6; the windowed model 2.2e-5).
    /// </summary>
    public int LossSteps => Math.Max(1, ChunkSize / 4);

    /// <summary>Floats per training sample: H + 2W.</summary>
    public int SampleSize { get; }

    /// <summary>
    /// New points one <see cref="Learn"/> step is worth, as in the windowed mode: TrainBatchSize / TrainSamplesPerPoint
    /// (at least 1; int.MaxValue when the model does not train).
    /// </summary>
    public int PointsPerStep => _forecaster.PointsPerStep;

    /// <summary>Why <paramref name="architecture"/> cannot stream, or null when it can.</summary>
    public static string? Unsupported(GruArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture switch
        {
            { Layers: > 1 } => "a stacked GRU has no single carried state (Layers must be 1)",
            { Bidirectional: true } => "a bidirectional GRU reads the window backwards (Bidirectional must be false)",
            { Pooling: not PoolingKind.Last } => "attention pooling looks back over the whole window (Pooling must be Last)",
            _ => null,
        };
    }

    /// <summary>
    /// One cell step for B series at once. <paramref name="inputs"/>: B scaled values x_t; <paramref name="states"/>:
    /// B×H floats [B, H], h_{t−1} in, h_t out; <paramref name="predictions"/>: B floats written, the predicted next
    /// scaled value Linear(h_t). B may be 0.
    /// </summary>
    public void Step(ReadOnlySpan<float> inputs, Span<float> states, Span<float> predictions)
    {
        int rows = inputs.Length;
        if (states.Length != rows * HiddenSize || predictions.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} states of {HiddenSize} floats and {rows} predictions.", nameof(states));
        }

        if (rows == 0)
        {
            return;
        }

        using var use = _forecaster.Use();
        if (_forecaster.Managed() is { } forward)
        {
            forward.Step(inputs, states, predictions);
            return;
        }

        TorchRuntime.EnsureThreadConfigured();
        _forecaster.SetTraining(false);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor end = _forecaster.Network.Step(FloatTensors.From(inputs, rows, 1), FloatTensors.From(states, rows, HiddenSize), out Tensor output);
        FloatTensors.CopyTo(end, states);
        FloatTensors.CopyTo(output, predictions);
    }

    /// <summary>
    /// Adds N new samples (N×<see cref="SampleSize"/> floats, see the remarks on the type) to replay and to the fresh
    /// ones the next <see cref="Learn"/> takes first (the newest TrainBatchSize at most). Samples with a non-finite value
    /// or a scaled value beyond ±MaxScaledInput are dropped (counted in the forecaster's RejectedPairs).
    /// </summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        int count = Rows(samples);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> sample = samples.Slice(i * SampleSize, SampleSize);
            if (!LearnableValues.Are(sample, _forecaster.Options.MaxScaledInput))
            {
                _forecaster.RejectedPairs++;
                continue;
            }

            _replay.Add(sample[..^1], sample[^1]);
            if (_freshCount == _fresh.Length / SampleSize)
            {
                _fresh.AsSpan(SampleSize).CopyTo(_fresh);
                _freshCount--;
            }

            sample.CopyTo(_fresh.AsSpan(_freshCount++ * SampleSize));
        }
    }

    /// <summary>
    /// Learns <paramref name="points"/> new points' worth: ceil(points × TrainSamplesPerPoint / TrainBatchSize) Adam steps
    /// (at least one), as many as the windowed mode runs for as many points, each on TrainBatchSize samples: the fresh
    /// ones first, topped up with uniform draws from replay. A step covers W× the targets of a windowed one at about its
    /// cost. Returns the last step's loss; NaN when the model does not train or replay is empty.
    /// </summary>
    public float Learn(int points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var options = _forecaster.Options;
        if (options.TrainSamplesPerPoint == 0 || points == 0 || _replay.Count == 0)
        {
            return float.NaN;
        }

        int steps = Math.Max(1, (int)Math.Ceiling(points * options.TrainSamplesPerPoint / options.TrainBatchSize));
        float loss = float.NaN;
        for (int step = 0; step < steps; step++)
        {
            int take = _freshCount;
            _fresh.AsSpan(0, take * SampleSize).CopyTo(_batch);
            _freshCount = 0;
            int size = Math.Max(take, Math.Min(options.TrainBatchSize, _replay.Count));
            for (int i = take; i < size; i++)
            {
                Span<float> row = _batch.AsSpan(i * SampleSize, SampleSize);
                _replay.Sample(_forecaster.Sampler, row[..^1], row[^1..]);
            }

            loss = TrainStep(_batch.AsSpan(0, size * SampleSize));
        }

        return loss;
    }

    /// <summary>
    /// One Adam step on exactly these N samples (N×<see cref="SampleSize"/> floats, all finite): the GRU unrolled over
    /// each chunk from its carried state, loss over its last <see cref="LossSteps"/> predictions. Returns the loss before the step, NaN for N = 0.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> samples)
    {
        int count = Rows(samples);
        if (count == 0)
        {
            return float.NaN;
        }

        using var use = _forecaster.Use();
        TorchRuntime.EnsureThreadConfigured();
        _forecaster.SetTraining(true);
        using var scope = NewDisposeScope();
        Tensor rows = FloatTensors.From(samples, count, SampleSize);
        Tensor start = rows.narrow(1, 0, HiddenSize);
        Tensor inputs = rows.narrow(1, HiddenSize, ChunkSize).unsqueeze(-1);
        Tensor targets = rows.narrow(1, HiddenSize + ChunkSize, ChunkSize);
        int burnIn = ChunkSize - LossSteps;
        return _forecaster.GuardedStep(() =>
            _forecaster.Loss(_forecaster.Network.Unroll(inputs, start, out _).narrow(1, burnIn, LossSteps), targets.narrow(1, burnIn, LossSteps)));
    }

    private int Rows(ReadOnlySpan<float> samples)
    {
        if (samples.Length % SampleSize != 0)
        {
            throw new ArgumentException($"Samples are rows of {SampleSize} floats; got {samples.Length}.", nameof(samples));
        }

        return samples.Length / SampleSize;
    }
}
