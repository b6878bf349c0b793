namespace Streaming.Model.Forecasting;

/// <summary>
/// What one series carries in the <see cref="StreamingGru"/> mode: its hidden state h [H], the prediction of its
/// next value (scaled, Linear(h)), and the training chunk being gathered: the state the chunk started from [H], its
/// inputs [W] and targets [W]. 2H + 2W + 1 floats in one array (the default H 50, W 10: 484 bytes). Not thread-safe.
/// </summary>
public sealed class StreamingGruSeries
{
    private readonly int _hidden;
    private readonly int _chunk;

    // [0, H) h; [H, 2H) chunk start; [2H, 2H+W) inputs; [2H+W, 2H+2W) targets; last: the prediction.
    private readonly float[] _values;

    /// <summary>A series that has seen nothing: zero state, no prediction, an empty chunk starting from zero.</summary>
    public StreamingGruSeries(int hiddenSize, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _hidden = hiddenSize;
        _chunk = chunkSize;
        _values = new float[(2 * hiddenSize) + (2 * chunkSize) + 1];
        _values[^1] = float.NaN;
    }

    /// <summary>Floats <see cref="Write"/> fills and <see cref="Read"/> takes: 2H + 2W + 1.</summary>
    public int StateSize => _values.Length;

    /// <summary>Cell steps taken (points stepped through).</summary>
    public long Steps { get; private set; }

    /// <summary>Inputs in the current chunk, 0..W.</summary>
    public int ChunkInputs { get; private set; }

    /// <summary>Targets in the current chunk: ChunkInputs − 1 while waiting for the next value, else ChunkInputs.</summary>
    public int ChunkTargets { get; private set; }

    /// <summary>The predicted next value, scaled as of the last step; NaN before the first step.</summary>
    public float Prediction => _values[^1];

    /// <summary>The hidden state h [H] (zero before the first step).</summary>
    public Span<float> Hidden => _values.AsSpan(0, _hidden);

    /// <summary>
    /// Takes the value that followed the last input as the target of its prediction (ignored before the first step).
    /// When that completes a chunk of W inputs and W targets, writes the training sample (chunk start [H], inputs [W],
    /// targets [W]) into <paramref name="sample"/> (H + 2W floats), starts a new chunk from the current state and
    /// returns true.
    /// </summary>
    public bool Target(float target, Span<float> sample)
    {
        if (Steps == 0 || ChunkTargets == ChunkInputs)
        {
            return false;
        }

        _values[(2 * _hidden) + _chunk + ChunkTargets++] = target;
        if (ChunkTargets < _chunk)
        {
            return false;
        }

        _values.AsSpan(_hidden, (_hidden + (2 * _chunk))).CopyTo(sample);
        Hidden.CopyTo(_values.AsSpan(_hidden, _hidden));
        ChunkInputs = 0;
        ChunkTargets = 0;
        return true;
    }

    /// <summary>Adds the input of the step about to be taken to the chunk (precondition: the chunk is not full).</summary>
    public void Input(float input)
    {
        if (ChunkInputs == _chunk)
        {
            throw new InvalidOperationException("The chunk is full: its last target must come first.");
        }

        _values[(2 * _hidden) + ChunkInputs++] = input;
    }

    /// <summary>Records a step taken: the new state was written to <see cref="Hidden"/>, <paramref name="prediction"/> is Linear(h).</summary>
    public void Stepped(float prediction)
    {
        _values[^1] = prediction;
        Steps++;
    }

    /// <summary>Writes the whole state (see <see cref="StateSize"/>) for a snapshot; with <see cref="Steps"/> and the chunk counts it is complete.</summary>
    public void Write(Span<float> destination) => _values.CopyTo(destination);

    /// <summary>Puts back what <see cref="Write"/> wrote and the counts; throws <see cref="ArgumentException"/> when they cannot belong together.</summary>
    public void Read(ReadOnlySpan<float> source, long steps, int chunkInputs, int chunkTargets)
    {
        if (source.Length != _values.Length || steps < 0 || chunkInputs < 0 || chunkInputs > _chunk
            || chunkTargets < 0 || chunkTargets > chunkInputs || chunkTargets < chunkInputs - 1 || steps < chunkInputs)
        {
            throw new ArgumentException($"Not a streaming state of H {_hidden}, W {_chunk}: {source.Length} floats, {steps} steps, _chunk {chunkInputs}/{chunkTargets}.");
        }

        source.CopyTo(_values);
        Steps = steps;
        ChunkInputs = chunkInputs;
        ChunkTargets = chunkTargets;
    }
}
