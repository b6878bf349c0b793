using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Model.Series;

namespace Streaming.Model.Detection;

/// <summary>
/// The detector itself, free of Kafka: per-series windows and scalers (Ingest), one shared GRU forecaster and
/// per-series residual scoring (Model). A batch of points is handled prequentially: every point is first
/// predicted from the window before it, scored, and only then learned. One forward and one learning call
/// serve the whole batch, whatever mix of series it holds. Not thread-safe: the model thread owns it.
/// </summary>
/// <remarks>
/// Late and duplicate points: a point whose timestamp equals its series' <see cref="SeriesState.LastTimestamp"/> is a
/// <see cref="SeriesPhase.Duplicate"/>, an older one is <see cref="SeriesPhase.Late"/>. Neither is dropped: each gets
/// its result, with what the model predicts from the series' current window (null while the window fills), but it
/// is never flagged, never enters the window, the scaler or the scorer's statistics, and is never learned.
/// </remarks>
public sealed class DetectionEngine
{
    private readonly IForecastBatch _batch;
    private readonly StreamingGru? _streaming;
    private readonly ScoringOptions _scoring;
    private readonly Func<IOnlineScaler> _newScaler;
    private readonly int _windowSize;
    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);

    // Reused per batch; grown on demand. Row r is the r-th predicted point.
    private float[] _predictions = [];
    private PendingRow[] _rows = [];

    /// <summary>
    /// Creates an engine around a forecaster, in the mode its options name (<see cref="ForecastMode"/>); scalers come
    /// from <paramref name="newScaler"/>, one per series.
    /// </summary>
    public DetectionEngine(GruForecaster forecaster, ScoringOptions scoring, Func<IOnlineScaler> newScaler)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        _scoring = scoring;
        _newScaler = newScaler;
        _windowSize = forecaster.WindowSize;
        if (forecaster.Options.Mode == ForecastMode.Streaming)
        {
            _streaming = new StreamingGru(forecaster);
            _batch = new StreamingBatch(_streaming, (float)forecaster.Options.MaxScaledInput);
        }
        else
        {
            _batch = new WindowedBatch(forecaster);
        }
    }

    /// <summary>Number of series seen so far.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>The series seen so far (or warmed from a checkpoint) and their state.</summary>
    public IEnumerable<KeyValuePair<string, SeriesState>> Series => _series;

    /// <summary>Mean-squared error of the last training step in scaled units (NaN before the first).</summary>
    public float LastTrainingLoss { get; private set; } = float.NaN;

    /// <summary>
    /// Processes points in order and writes one <see cref="DetectionResult"/> per point into <paramref name="results"/>
    /// (same index); a point not newer than its series' last one stands aside (see the remarks on the type). The model learns from
    /// the share <paramref name="learnShare"/> (0 &lt; share ≤ 1) of the predicted points, evenly spread over the batch.
    /// </summary>
    public void Process(ReadOnlySpan<SensorPoint> points, Span<DetectionResult> results, double learnShare = 1.0)
    {
        if (!(learnShare > 0 && learnShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(learnShare), learnShare, "the share must be in (0, 1]");
        }

        var learnable = Detect(points, results);
        if (learnable > 0)
        {
            LearnPending(learnShare < 1 ? Math.Max(1, (int)Math.Round(learnable * learnShare)) : learnable);
        }

        _batch.Begin(0);
    }

    /// <summary>
    /// The first half of <see cref="Process"/>: predicts and scores the points (one forward for the batch, or one cell
    /// step per wave in the streaming mode) and keeps what they teach pending, without learning; returns how many points
    /// are pending (<see cref="PendingLearnable"/>).
    /// Pairs still pending from an earlier call are dropped: what was not learned then is not learned.
    /// </summary>
    public int Detect(ReadOnlySpan<SensorPoint> points, Span<DetectionResult> results)
    {
        _batch.Begin(points.Length);
        if (results.Length < points.Length)
        {
            throw new ArgumentException("results must hold one entry per point", nameof(results));
        }

        EnsureCapacity(points.Length);
        var rowCount = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            var state = GetOrCreate(point.SeriesId);
            var window = state.Window;
            if (state.LastTimestamp is { } last && point.Timestamp <= last)
            {
                var aside = point.Timestamp == last ? SeriesPhase.Duplicate : SeriesPhase.Late;
                if (window.IsFull)
                {
                    _batch.LateOrDuplicate(state, rowCount);
                    _rows[rowCount++] = new PendingRow(i, state, window.Scaler.Unscale(0f), window.Scaler.Span, 0, false, default, aside);
                }
                else
                {
                    results[i] = new DetectionResult(point, aside, null, null, default);
                }

                continue;
            }

            state.LastTimestamp = point.Timestamp;
            // Freeze the scaler's affine map as it was before this point, so the prediction is unscaled in the same units.
            var scaler = window.Scaler;
            var target = scaler.Scale(point.Value);
            var row = window.IsFull ? rowCount++ : -1;
            _batch.Entering(state, row, target);
            if (row >= 0)
            {
                var context = ObserveContext(state, point);
                _rows[row] = new PendingRow(i, state, scaler.Unscale(0f), scaler.Span, FloorSpan(scaler.Span, state.RecentRange.Span), state.Flatline.Observe(point.Value), context);
            }
            else
            {
                state.Flatline.Observe(point.Value);
                ObserveContext(state, point);
                results[i] = new DetectionResult(point, SeriesPhase.Filling, null, null, default);
            }

            state.RecentRange.Observe(point.Value);
            window.Append(point.Value);
            _batch.Entered(state, row, target, point.Value);
        }

        // Even without a row to predict, the streaming mode steps the filling series.
        var predictions = _predictions.AsSpan(0, rowCount);
        _batch.Predict(rowCount, predictions);
        var learnable = 0;
        for (var r = 0; r < rowCount; r++)
        {
            var row = _rows[r];
            _rows[r] = default;
            var point = points[row.PointIndex];
            var predicted = row.Origin + (predictions[r] * row.Span);
            var residual = point.Value - predicted;
            if (row.Aside is { } aside)
            {
                results[row.PointIndex] = new DetectionResult(point, aside, predicted, residual, default);
                continue;
            }

            _batch.Learnable(r);
            learnable++;
            var phase = row.State.Scorer.IsWarmingUp ? SeriesPhase.WarmingUp : SeriesPhase.Live;
            // Raw residual against the span frozen before this point: the scorer's statistics stay in the series' units.
            var context = row.Context;
            // The routine is kept in the series' ranges (the span before this point), so it outlives the statistics'
            // own scale, which a long flat stretch shrinks.
            var range = row.Span > 0 ? row.Span : 1;
            var usualMiss = (row.State.Routine?.Usual ?? 0) * range;
            var score = row.State.Scorer.Score(residual, row.FloorSpan, row.Stuck, context.Novelty, context.DayAgo, context.WeekAgo, context.LevelDepth, usualMiss);
            row.State.Routine?.Record(score.Miss / range);
            results[row.PointIndex] = new DetectionResult(point, phase, predicted, residual, score);
        }

        return learnable;
    }

    /// <summary>Points of the last <see cref="Detect"/> not learned yet.</summary>
    public int PendingLearnable => _batch.PendingLearnable;

    /// <summary>Points one training step learns (see <see cref="GruForecaster.PointsPerStep"/>): learning fewer costs as much.</summary>
    public int PointsPerStep => _batch.PointsPerStep;

    /// <summary>
    /// Learns <paramref name="count"/> of the pending pairs, evenly spread over them in their order; the others stay
    /// pending. Returns the loss of the last training step (NaN if none ran).
    /// </summary>
    public float LearnPending(int count)
    {
        var pending = PendingLearnable;
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pending);
        if (count == 0)
        {
            return float.NaN;
        }

        LastTrainingLoss = _batch.LearnPending(count);
        return LastTrainingLoss;
    }

    /// <summary>
    /// Starts <paramref name="seriesId"/> warm (from a checkpoint): its scaler keeps the range it had, its scorer its
    /// residual statistics and warm-up progress, so it flags from its first full window. Its window still fills first:
    /// a prediction needs W real points. Replaces any state the series had. Returns the new state, so that a caller
    /// holding more (a state topic's window and detectors) can put that back too.
    /// </summary>
    public SeriesState Warm(string seriesId, IOnlineScaler scaler, ResidualScorerState scorer)
    {
        var state = Create(scaler);
        state.Scorer.Restore(scorer);
        _series[seriesId] = state;
        return state;
    }

    /// <summary>The state of <paramref name="seriesId"/>, if the engine has seen it.</summary>
    public bool TryGetSeries(string seriesId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SeriesState state) =>
        _series.TryGetValue(seriesId, out state);

    /// <summary>Drops a series (its partition moved to another worker); true when it was known.</summary>
    public bool Forget(string seriesId) => _series.Remove(seriesId);

    private SeriesState GetOrCreate(string seriesId)
    {
        if (!_series.TryGetValue(seriesId, out var state))
        {
            state = Create(_newScaler());
            _series.Add(seriesId, state);
        }

        return state;
    }

    private SeriesState Create(IOnlineScaler scaler) =>
        new(new SeriesWindow(_windowSize, scaler), new ResidualScorer(_scoring), new FlatlineDetector(_scoring.FlatlinePoints),
            new NoveltyDetector(_scoring.RangeTolerance, _scoring.ContextLevels, _scoring.ContextLength), new RecentRange(RecentPoints))
        {
            Carry = _streaming is { } model ? new StreamingGruSeries(model.HiddenSize, model.ChunkSize) : null,
            HourOfDay = _scoring.HourOfDayDays > 0 || _scoring.DayAgoOpinion || _scoring.WeekAgoOpinion
                ? new HourOfDayProfile(_scoring.HourOfDayDays, _scoring.WeekAgoOpinion)
                : null,
            Level = _scoring.LevelDays > 0 ? new LevelReference(_scoring.LevelDays) : null,
            Routine = _scoring.RoutineMisses ? new RoutineMisses() : null,
        };

    // A new context at a value the series had within an hour of this time of day on an earlier day is the time of day,
    // not news; the same hour's means a day and a week earlier are second opinions on the model's residual (null:
    // none). The day-ago signal keeps to its own hour: a drift just beyond its hour's usual is what it is there to see.
    private PointContext ObserveContext(SeriesState state, SensorPoint point)
    {
        var novelty = state.Novelty.Observe(point.Value);
        var hour = state.HourOfDay?.Observe(point.Timestamp, point.Value) ?? HourOfDayView.None;
        DayAgo? dayAgo = _scoring.DayAgoOpinion && double.IsFinite(hour.DayAgoMean) ? new DayAgo(point.Value - hour.DayAgoMean, hour.Usual) : null;
        WeekAgo? weekAgo = _scoring.WeekAgoOpinion && double.IsFinite(hour.WeekAgoMean) ? new WeekAgo(point.Value - hour.WeekAgoMean, point.Value) : null;
        var level = state.Level?.Observe(point.Timestamp, point.Value) ?? 0;
        return new PointContext(hour.UsualWithinAnHour ? novelty with { Context = 0 } : novelty, dayAgo, weekAgo, level);
    }

    private void EnsureCapacity(int points)
    {
        if (_rows.Length >= points)
        {
            return;
        }

        var size = Math.Max(points, 64);
        _predictions = new float[size];
        _rows = new PendingRow[size];
    }

    // Points over which the recent range forgets: a few hundred, short against a trend's growth, long against noise.
    private const int RecentPoints = 200;

    // The noise floor's scale: the whole range, unless the recent stretch is far narrower, as on a trend, whose whole
    // range keeps growing and would otherwise hide a level shift of a few of its own swings.
    private static double FloorSpan(double wholeSpan, double recentSpan) =>
        recentSpan > 0 ? Math.Min(wholeSpan, 3 * recentSpan) : wholeSpan;

    // Aside: Late or Duplicate for a point that is predicted only; null for one that is scored and learned.
    private readonly record struct PendingRow(int PointIndex, SeriesState State, double Origin, double Span, double FloorSpan, bool Stuck, PointContext Context, SeriesPhase? Aside = null);

    // What the series' own history says of a point besides the model: its novelty, the day-ago and week-ago opinions,
    // and how far its level lies beyond the series' last days.
    private readonly record struct PointContext(Novelty Novelty, DayAgo? DayAgo, WeekAgo? WeekAgo, double LevelDepth);
}
