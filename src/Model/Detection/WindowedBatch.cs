using Streaming.Model.Forecasting;

namespace Streaming.Model.Detection;

/// <summary>
/// The windowed mode: row r's input is its series' window [W] scaled as the scaler stood before the point; one GRU
/// pass over all rows' windows [rows, W] predicts the batch, and the scored rows' (window, target) pairs are learned.
/// </summary>
internal sealed class WindowedBatch(GruForecaster forecaster) : IForecastBatch
{
    private readonly int _windowSize = forecaster.WindowSize;

    // Row r of _windows is the scaled window of the r-th predicted point; the learnable ones close up at the front.
    private float[] _windows = [];
    private float[] _targets = [];
    private float[] _learnWindows = [];
    private float[] _learnTargets = [];

    public int PendingLearnable { get; private set; }

    public int PointsPerStep => forecaster.PointsPerStep;

    public void Begin(int points)
    {
        PendingLearnable = 0;
        if (_targets.Length >= points)
        {
            return;
        }

        var size = Math.Max(points, 64);
        _windows = new float[size * _windowSize];
        _targets = new float[size];
    }

    public void Entering(SeriesState state, int row, float target)
    {
        if (row >= 0)
        {
            // The window as the scaler stands before this point: the prediction is unscaled in the same units.
            state.Window.WriteScaled(_windows.AsSpan(row * _windowSize, _windowSize));
            _targets[row] = target;
        }
    }

    public void Entered(SeriesState state, int row, float target, double value)
    {
    }

    public void LateOrDuplicate(SeriesState state, int row) => state.Window.WriteScaled(_windows.AsSpan(row * _windowSize, _windowSize));

    public void Predict(int rows, Span<float> predictions) => forecaster.Predict(_windows.AsSpan(0, rows * _windowSize), predictions[..rows]);

    public void Learnable(int row)
    {
        // Learnable rows move to the front, in order, over the late and duplicate ones already done with.
        var to = PendingLearnable++;
        if (to != row)
        {
            _windows.AsSpan(row * _windowSize, _windowSize).CopyTo(_windows.AsSpan(to * _windowSize, _windowSize));
            _targets[to] = _targets[row];
        }
    }

    public float LearnPending(int count)
    {
        var pending = PendingLearnable;
        if (_learnTargets.Length < count)
        {
            _learnWindows = new float[_windows.Length];
            _learnTargets = new float[_targets.Length];
        }

        // Chosen rows go to the learning buffers; the rest close up, in order, at the front of the pending ones.
        var kept = 0;
        var chosen = 0;
        for (var row = 0; row < pending; row++)
        {
            var window = _windows.AsSpan(row * _windowSize, _windowSize);
            if (chosen < count && row == (int)((long)chosen * pending / count))
            {
                window.CopyTo(_learnWindows.AsSpan(chosen * _windowSize, _windowSize));
                _learnTargets[chosen++] = _targets[row];
                continue;
            }

            if (kept != row)
            {
                window.CopyTo(_windows.AsSpan(kept * _windowSize, _windowSize));
                _targets[kept] = _targets[row];
            }

            kept++;
        }

        PendingLearnable = kept;
        return forecaster.Learn(_learnWindows.AsSpan(0, count * _windowSize), _learnTargets.AsSpan(0, count));
    }
}
