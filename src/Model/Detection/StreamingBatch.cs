using Streaming.Model.Forecasting;

namespace Streaming.Model.Detection;

/// <summary>
/// The streaming mode: each series carries a <see cref="StreamingGruSeries"/> (hidden state [H], the prediction of its
/// next value, its training chunk). A point's prediction is the one its series already holds; then the point steps its
/// series' state. Steps run in waves, one cell step [n, H] per wave: wave k steps the k-th point of every series in the
/// batch, so a series' points step in order. Finished training chunks go to the model at once; learning is counted in
/// points, as in the windowed mode.
/// </summary>
internal sealed class StreamingBatch(StreamingGru model, float maxScaledInput) : IForecastBatch
{
    private readonly int _hidden = model.HiddenSize;
    private readonly float[] _sample = new float[model.SampleSize];
    private Entry[] _entries = [];
    private int[] _order = [];
    private int[] _waveStarts = [];
    private float[] _inputs = [];
    private float[] _states = [];
    private float[] _next = [];
    private StreamingGruSeries[] _stepped = [];
    private int _count;
    private int _waves;
    private int _batch;

    public int PendingLearnable { get; private set; }

    public int PointsPerStep => model.PointsPerStep;

    public void Begin(int points)
    {
        PendingLearnable = 0;
        _count = 0;
        _waves = 0;
        _batch++;
    }

    public void Entering(SeriesState state, int row, float target)
    {
        if (row >= 0)
        {
            CatchUp(state);
        }
    }

    public void Entered(SeriesState state, int row, float target, double value)
    {
        // Beyond ±MaxScaledInput a value is never learned; clamped, it cannot saturate the state for longer than needed.
        var input = Math.Clamp(state.Window.Scaler.Scale(value), -maxScaledInput, maxScaledInput);
        Add(new Entry(Carry(state), row, true, input, target, NextWave(state, true)));
    }

    public void LateOrDuplicate(SeriesState state, int row)
    {
        CatchUp(state);
        Add(new Entry(Carry(state), row, false, 0, 0, NextWave(state, false)));
    }

    public void Predict(int rows, Span<float> predictions)
    {
        SortByWave();
        for (var wave = 0; wave < _waves; wave++)
        {
            var stepping = 0;
            for (var i = _waveStarts[wave]; i < _waveStarts[wave + 1]; i++)
            {
                var entry = _entries[_order[i]];
                var carry = entry.Carry;
                if (entry.Row >= 0)
                {
                    predictions[entry.Row] = carry.Prediction;
                }

                if (!entry.Steps)
                {
                    continue;
                }

                if (carry.Target(entry.Target, _sample))
                {
                    model.Add(_sample);
                }

                carry.Input(entry.Input);
                _inputs[stepping] = entry.Input;
                carry.Hidden.CopyTo(_states.AsSpan(stepping * _hidden, _hidden));
                _stepped[stepping++] = carry;
            }

            model.Step(_inputs.AsSpan(0, stepping), _states.AsSpan(0, stepping * _hidden), _next.AsSpan(0, stepping));
            for (var j = 0; j < stepping; j++)
            {
                _states.AsSpan(j * _hidden, _hidden).CopyTo(_stepped[j].Hidden);
                _stepped[j].Stepped(_next[j]);
                _stepped[j] = null!;
            }
        }

        Array.Clear(_entries, 0, _count);
    }

    public void Learnable(int row) => PendingLearnable++;

    public float LearnPending(int count)
    {
        PendingLearnable -= count;
        return model.Learn(count);
    }

    private StreamingGruSeries Carry(SeriesState state) =>
        state.Carry ?? throw new InvalidOperationException("A series of a streaming engine carries a streaming state.");

    // A series whose window was restored without a carried state (an older state record) steps through that window
    // first, so that its prediction comes from its recent values rather than from a zero state.
    private void CatchUp(SeriesState state)
    {
        var carry = Carry(state);
        if (carry.Steps > 0 || state.StreamBatch == _batch)
        {
            return;
        }

        var window = state.Window;
        for (var i = 0; i < window.Window.Count; i++)
        {
            var scaled = window.Scaler.Scale(window.Window[i]);
            Add(new Entry(carry, -1, true, scaled, scaled, NextWave(state, true)));
        }
    }

    // The wave of a series' next entry: its steps so far in this batch. A step moves the series on to the next wave.
    private int NextWave(SeriesState state, bool steps)
    {
        if (state.StreamBatch != _batch)
        {
            state.StreamBatch = _batch;
            state.StreamWave = 0;
        }

        var wave = state.StreamWave;
        state.StreamWave += steps ? 1 : 0;
        _waves = Math.Max(_waves, wave + 1);
        return wave;
    }

    private void Add(Entry entry)
    {
        if (_count == _entries.Length)
        {
            var size = Math.Max(64, _count * 2);
            Array.Resize(ref _entries, size);
            _order = new int[size];
            _inputs = new float[size];
            _next = new float[size];
            _states = new float[size * _hidden];
            _stepped = new StreamingGruSeries[size];
        }

        _entries[_count++] = entry;
    }

    // Counting sort of the entries by wave, keeping batch order within a wave.
    private void SortByWave()
    {
        if (_waveStarts.Length < _waves + 1)
        {
            _waveStarts = new int[Math.Max(_waves + 1, 16)];
        }

        Array.Clear(_waveStarts, 0, _waves + 1);
        for (var i = 0; i < _count; i++)
        {
            _waveStarts[_entries[i].Wave + 1]++;
        }

        for (var w = 0; w < _waves; w++)
        {
            _waveStarts[w + 1] += _waveStarts[w];
        }

        Span<int> next = _waves <= 256 ? stackalloc int[_waves] : new int[_waves];
        _waveStarts.AsSpan(0, _waves).CopyTo(next);
        for (var i = 0; i < _count; i++)
        {
            _order[next[_entries[i].Wave]++] = i;
        }
    }

    // Row: the prediction row it fills (−1: none). Steps: false for a late or duplicate point, which only reads.
    private readonly record struct Entry(StreamingGruSeries Carry, int Row, bool Steps, float Input, float Target, int Wave);
}
