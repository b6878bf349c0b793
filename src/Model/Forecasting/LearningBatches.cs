using Streaming.Model.Options;
using Streaming.Model.Training;

namespace Streaming.Model.Forecasting;

/// <summary>
/// The batches one <see cref="GruForecaster.Learn"/> call trains on: its learnable pairs, kept apart and added to replay
/// (<see cref="Collect"/>), cut into equal chunks, one per Adam step, each topped up with uniform replay samples of
/// older pairs (<see cref="Plan"/>, <see cref="Fill"/>). Owned by one forecaster and used under its lock.
/// </summary>
internal sealed class LearningBatches
{
    private readonly ModelOptions _options;
    private readonly int _windowSize;
    private readonly ReplayBuffer _replay;
    private readonly SplitMix64 _sampler;
    private readonly float[] _windows;
    private readonly float[] _targets;
    private float[] _freshWindows = [];
    private float[] _freshTargets = [];
    private int _fresh;
    private int _chunk;
    private int _size;
    private int _older;

    public LearningBatches(ModelOptions options, ReplayBuffer replay, SplitMix64 sampler)
    {
        _options = options;
        _windowSize = options.WindowSize;
        _replay = replay;
        _sampler = sampler;
        _windows = new float[MaxBatch(options) * _windowSize];
        _targets = new float[MaxBatch(options)];
    }

    /// <summary>Most samples one step trains on.</summary>
    public static int MaxBatch(ModelOptions options) => Math.Max(options.TrainBatchSize, options.MaxTrainBatchSize);

    /// <summary>The batch <see cref="Fill"/> wrote: windows row-major [size, W].</summary>
    public ReadOnlySpan<float> Windows => _windows;

    /// <summary>The targets of the batch <see cref="Fill"/> wrote.</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>
    /// Keeps every learnable pair of <paramref name="batch"/> (oldest first) as this call's fresh pairs and adds it to
    /// replay; returns how many there are. <paramref name="rejected"/>: pairs with a value no model should learn.
    /// </summary>
    public int Collect(ReadOnlySpan<float> windows, ReadOnlySpan<float> targets, int batch, out int rejected)
    {
        if (_freshTargets.Length < batch)
        {
            _freshWindows = new float[batch * _windowSize];
            _freshTargets = new float[batch];
        }

        _fresh = 0;
        rejected = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<float> window = windows.Slice(row * _windowSize, _windowSize);
            if (!LearnableValues.Is(targets[row], _options.MaxScaledInput) || !LearnableValues.Are(window, _options.MaxScaledInput))
            {
                rejected++;
                continue;
            }

            window.CopyTo(_freshWindows.AsSpan(_fresh * _windowSize, _windowSize));
            _freshTargets[_fresh++] = targets[row];
            _replay.Add(window, targets[row]);
        }

        return _fresh;
    }

    /// <summary>
    /// Steps for the fresh pairs collected: ceil(fresh × TrainSamplesPerPoint / MaxTrainBatchSize), at least one, each on
    /// a chunk of them topped up to chunk × TrainSamplesPerPoint samples, at least TrainBatchSize, at most MaxTrainBatchSize.
    /// </summary>
    public int Plan()
    {
        int maxBatch = MaxBatch(_options);
        int steps = Math.Max(1, (int)Math.Ceiling(_fresh * _options.TrainSamplesPerPoint / maxBatch));
        _chunk = Math.Min(maxBatch, (_fresh + steps - 1) / steps);
        _size = Math.Max(Math.Max(_options.TrainBatchSize, _chunk), (int)Math.Min(maxBatch, Math.Ceiling(_chunk * _options.TrainSamplesPerPoint)));
        _older = Math.Max(_replay.Count - _fresh, 0);
        return steps;
    }

    /// <summary>Writes the batch of step <paramref name="step"/> of the <see cref="Plan"/>; returns its size.</summary>
    public int Fill(int step)
    {
        int first = step * _chunk % _fresh;
        int take = Math.Min(_chunk, _fresh - first);
        _freshWindows.AsSpan(first * _windowSize, take * _windowSize).CopyTo(_windows);
        _freshTargets.AsSpan(first, take).CopyTo(_targets);
        int topUp = Math.Min(_size - take, _older);
        _replay.Sample(_sampler, _windows.AsSpan(take * _windowSize, topUp * _windowSize), _targets.AsSpan(take, topUp));
        return take + topUp;
    }
}
