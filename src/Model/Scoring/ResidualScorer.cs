namespace Streaming.Model.Scoring;

/// <summary>
/// Per-series anomaly scoring from prediction residuals, in the spirit of HTM's anomaly likelihood, combined with the
/// value's own novelty (<see cref="NoveltyDetector"/>), in O(1) memory. Residuals come with the series' span (raw
/// residual and range, or scaled residual and 1); z is a ratio of residuals, so one configuration fits every series
/// whatever its units.
/// </summary>
/// <remarks>
/// <para>Per point: r = residual (clamped to ±<see cref="MaxResidual"/> spans; non-finite counts as the cap); m = mean
/// of the last ShortWindow r's (signed, so noise averages out while a sustained miss does not); z = |m − μ| /
/// max(σ, MinStd × span) against the long-term mean μ and std σ of m; the residual score is
/// <see cref="Surprise.Score"/>(z), a monotone map of the two-sided Gaussian tail probability of z into [0, 0.999);
/// Score = max(residual score, context novelty, 1 when out of range with z ≥ <see cref="OutOfRangeMinZ"/>), 1 for a
/// stuck series. A score ≥ Threshold starts a cooldown of CooldownPoints points in which scores read 0 (repeats of
/// one incident are not news); it is flagged when past warm-up.</para>
/// <para>Signed residuals rather than |residual|: the magnitude of Gaussian noise is half-normal, whose upper tail is
/// far heavier than a Gaussian z suggests (a 0.9999 threshold flagged ~0.1% of pure noise); signed model errors are
/// close to symmetric, so the threshold means what it says.</para>
/// <para>μ and σ² are updated after scoring (<see cref="ResidualStatistics"/>); m is winsorised before so one spike
/// does not inflate σ and blind the series for thousands of points.</para>
/// <para>With a <see cref="DayAgo"/> opinion, the residual against the same hour's mean a day earlier gets statistics
/// of its own (same short and long windows, same floor). Past <see cref="DayAgoWarmup"/> of them, and while their std
/// is at most <see cref="DayAgoMaxSpread"/> × the model's, z is capped at <see cref="DayAgoExcuse"/> × the day-ago
/// deviation over the model's std, and a value unusual for its hour adds <see cref="Surprise.Score"/>(z_day) as another
/// signal.</para>
/// <para>With a <see cref="WeekAgo"/> opinion, the residual against the same hour's mean a week earlier gets statistics of
/// its own too; once they have settled, and only while their std is at most <see cref="WeekAgoMaxSpread"/> × the
/// value's own (the week explains the series), its surprise is another signal: a holiday in a series whose weeks
/// repeat. Both stds are <see cref="StretchSpread"/>s, so one holiday does not hide the next, and like the level a
/// week-ago excursion is one incident however long it lasts. A <see cref="LevelReference"/> depth (how far the value
/// lies beyond the range of the series' last days) is the level signal, depth / (depth + <see cref="LevelHalf"/>): a
/// slow collapse the model follows step by step.
/// A miss (|m − μ|) no larger than the series' usual miss (from its <see cref="RoutineMisses"/>: it missed as much in
/// several separate stretches of its last few thousand points) is the series' routine and its residual signal scores 0.
/// Last, the score is weighed against the series' own history of scores, as HTM's anomaly likelihood does (Ahmad et
/// al. 2017): the mean of its last <see cref="LikelihoodWindow"/> scores against their long-term mean and std gives an
/// upper tail probability p, and log(p) / log(1e-10) is one more signal, so a run of moderately surprising points, none
/// of them alarming alone (a slow slide the references half take in), flags where a single such point would not. It
/// is silent until its short mean has left the last cooldown behind: the scores after an incident are its aftermath.
/// Why each part is there, with its NAB figures: bench/nab-results.md.</para>
/// <para>Not thread-safe: a series is owned by one thread.</para>
/// </remarks>
public sealed class ResidualScorer
{
    /// <summary>Largest |residual| taken at face value, in spans (a million series ranges).</summary>
    public const double MaxResidual = 1e6;

    /// <summary>z at or above which a flagged point is <see cref="AnomalySeverity.High"/>.</summary>
    public const double HighZ = 10;

    /// <summary>z at or above which a flagged point is <see cref="AnomalySeverity.Medium"/>.</summary>
    public const double MediumZ = 6;

    /// <summary>z the residual must reach for an out-of-range value to score 1.</summary>
    public const double OutOfRangeMinZ = 3;

    /// <summary>The day-ago z counts once this many day-ago residuals have been seen (its statistics settle first).</summary>
    public const int DayAgoWarmup = 50;

    /// <summary>
    /// The residual's z is capped at this many times the day-ago miss measured on the model's scale: a miss that
    /// yesterday's same hour explains clearly (by less than 80% of the model's) is the time of day, not news
    /// (bench/nab-results.md).
    /// </summary>
    public const double DayAgoExcuse = 1.25;

    /// <summary>
    /// The day-ago opinion counts only while the day-ago residuals' std (floored) is at most this many times the
    /// model's: a series whose days do not repeat (a sine of another period, a random walk) has nothing to learn from
    /// yesterday, and without this guard a spike in a noisy non-daily series is excused.
    /// </summary>
    public const double DayAgoMaxSpread = 1.5;

    /// <summary>The week-ago signal counts once this many week-ago residuals have been seen.</summary>
    public const int WeekAgoWarmup = 50;

    /// <summary>
    /// The week-ago signal counts only while the week-ago residuals' std is at most this share of the value's own std:
    /// the same hour a week earlier must explain most of the series' swings.
    /// </summary>
    public const double WeekAgoMaxSpread = 0.5;

    /// <summary>Surprise at which the week-ago signal is half its maximum: a week is a coarse forecast, so less surprise counts.</summary>
    public const double WeekSurpriseHalf = 5;

    /// <summary>Level depth (in ranges of the series' last days) at which the level signal is half its maximum.</summary>
    public const double LevelHalf = 0.3;

    /// <summary>Scores in the short mean the likelihood judges (HTM's averaging window).</summary>
    public const int LikelihoodWindow = 10;

    /// <summary>
    /// Floor of the variance of the short mean the likelihood judges, in score units squared: a series whose scores
    /// barely move must not flag at the slightest blip (HTM floors it at 0.0003; 0.001 was chosen on NAB,
    /// bench/nab-results.md).
    /// </summary>
    public const double LikelihoodMinVariance = 0.001;

    /// <summary>The smallest tail probability told apart: the likelihood signal is 1 there.</summary>
    public const double LikelihoodTailFloor = 1e-10;

    // Options are copied, not referenced: they are mutable and a scorer must not change behaviour mid-stream.
    private readonly int _warmupPoints;
    private readonly int _cooldownPoints;
    private readonly double _threshold;
    private readonly double _minStd;
    private readonly double _thresholdZ;

    // Mutable structs, called through these fields only.
    private ResidualStatistics _residuals;
    private ResidualStatistics _dayAgo;
    private ResidualStatistics _weekAgo;
    private ResidualStatistics _values;
    private ScoreLikelihood _likelihood;
    private readonly bool _judgeScores;

    // Index of the last point whose flag the current cooldown suppresses.
    private long _suppressThrough = -1;

    // The deepest level and week-ago scores of the excursions under way (0: none), which must be exceeded to count again.
    private double _levelHeld;
    private double _weekHeld;

    /// <summary>Creates a scorer for one series; throws <see cref="ArgumentException"/> when the options are invalid.</summary>
    public ResidualScorer(ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ScoringOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _warmupPoints = options.WarmupPoints;
        _cooldownPoints = options.CooldownPoints;
        _threshold = options.Threshold;
        _thresholdZ = Surprise.ZAt(options.Threshold);
        _minStd = options.MinStd;
        _residuals = new ResidualStatistics(options.ShortWindow, options.LongWindow);
        _dayAgo = new ResidualStatistics(options.ShortWindow, options.LongWindow);
        _weekAgo = new ResidualStatistics(options.ShortWindow, options.LongWindow, stretchSpread: true);
        _values = new ResidualStatistics(1, options.LongWindow, stretchSpread: true);
        _likelihood = new ScoreLikelihood(options.LongWindow);
        _judgeScores = options.ScoreLikelihood;
    }

    /// <summary>Residuals scored so far.</summary>
    public long PointsScored { get; private set; }

    /// <summary>True while fewer than WarmupPoints residuals have been scored: nothing flags yet.</summary>
    public bool IsWarmingUp => PointsScored < _warmupPoints;

    /// <summary>Long-term EW mean of the short-term mean residual, in the residuals' unit.</summary>
    internal double LongTermMean => _residuals.Mean;

    /// <summary>Long-term EW std of the short-term mean residual (unfloored), in the residuals' unit.</summary>
    internal double LongTermStd => _residuals.Std;

    /// <summary>
    /// Scores one residual and then learns from it. Never returns NaN. <paramref name="residual"/> and
    /// <paramref name="span"/> share one unit (raw units and the series' range, or scaled units and 1): the statistics
    /// are kept in that unit and <paramref name="span"/> only sets the floor MinStd × span, so a scaler that widens
    /// its range does not shift the residuals' scale. <paramref name="novelty"/> (from <see cref="NoveltyDetector"/>)
    /// raises the score: to its context score, and to 1 when out of range and z ≥ <see cref="OutOfRangeMinZ"/>.
    /// <paramref name="stuck"/> marks a point that completes a flat line (<see cref="FlatlineDetector"/>): it scores 1
    /// whatever its residual. <paramref name="dayAgo"/> (from the series' <see cref="HourOfDayProfile"/>; null or a
    /// non-finite residual when the hour has no day-ago mean) excuses misses of the time of day and adds the day-ago
    /// signal (see the remarks on the type). <paramref name="weekAgo"/> adds the week-ago signal and
    /// <paramref name="levelDepth"/> (from <see cref="LevelReference"/>, 0 within the series' usual range) the level
    /// signal. A miss |m − μ| (the residual's unit) not above <paramref name="usualMiss"/> (from the series'
    /// <see cref="RoutineMisses"/>; 0: none is usual) is routine and its residual signal scores 0; the result's
    /// <see cref="AnomalyScore.Miss"/> is that miss, for the routine to remember. The returned z is the residual's after
    /// the day-ago excuse, or the z of the day-ago or week-ago signal when that is what scored.
    /// </summary>
    public AnomalyScore Score(double residual, double span = 1, bool stuck = false, Novelty novelty = default, DayAgo? dayAgo = null,
        WeekAgo? weekAgo = null, double levelDepth = 0, double usualMiss = 0)
    {
        double unit = double.IsFinite(span) && span > 0 ? span : 1;
        double cap = unit * MaxResidual;
        double floor = _minStd * unit;
        var band = IsWarmingUp ? (double.NaN, double.NaN) : _residuals.Band(_thresholdZ, floor);
        var (deviation, std) = _residuals.Next(residual, cap, floor);
        double z = deviation / std;
        double seasonal = 0;
        double dayZ = 0;
        if (dayAgo is { } opinion && double.IsFinite(opinion.Residual))
        {
            var (dayDeviation, dayStd) = _dayAgo.Next(opinion.Residual, cap, floor);
            // Yesterday is an opinion only for a series whose days repeat: one whose day-ago residuals are about as
            // tight as the model's. Its miss is then measured on the model's scale: it excuses the model's miss only
            // when predicting with yesterday's hour would have missed by clearly less.
            if (_dayAgo.Count > DayAgoWarmup && dayStd <= DayAgoMaxSpread * std)
            {
                dayZ = dayDeviation / dayStd;
                z = Math.Min(z, DayAgoExcuse * dayDeviation / std);
                seasonal = opinion.UsualForHour ? 0 : Surprise.Score(dayZ);
            }
        }

        double weekly = 0;
        double weekZ = 0;
        if (weekAgo is { } week && double.IsFinite(week.Residual) && double.IsFinite(week.Value))
        {
            var (_, valueStd) = _values.Next(week.Value, double.MaxValue, floor);
            var (weekDeviation, weekStd) = _weekAgo.Next(week.Residual, cap, floor);
            if (_weekAgo.Count > WeekAgoWarmup && weekStd <= WeekAgoMaxSpread * valueStd)
            {
                weekZ = weekDeviation / weekStd;
                weekly = Surprise.Score(weekZ, WeekSurpriseHalf);
            }
        }

        weekly = Excursion(weekly, ref _weekHeld);
        double residualScore = usualMiss > 0 && deviation <= usualMiss ? 0 : Surprise.Score(z);
        double reportedZ = seasonal > residualScore ? dayZ : z;
        reportedZ = weekly > Math.Max(seasonal, residualScore) ? weekZ : reportedZ;
        double level = double.IsFinite(levelDepth) && levelDepth > 0 ? Surprise.Ceiling * levelDepth / (levelDepth + LevelHalf) : 0;
        // A level that stays beyond the series' range is one incident, however long it lasts (the reference takes it
        // in only after its lag, hours of points), as is a day unlike the same day a week earlier (above).
        level = Excursion(level, ref _levelHeld);

        // A new extreme the model saw coming (a trend carrying on) is no news; one it did not is.
        double noveltyScore = novelty.OutOfRange && z >= OutOfRangeMinZ ? 1 : Math.Clamp(novelty.Context, 0, 1);
        double score = stuck ? 1 : Math.Max(Math.Max(Math.Max(residualScore, noveltyScore), Math.Max(seasonal, weekly)), level);
        // The likelihood speaks only when its short mean holds no point of the last
        // incident's cooldown, whose scores are that incident's aftermath (the model relearning), not a new one.
        double likelihood = _judgeScores ? _likelihood.Next(score) : 0;
        likelihood = PointsScored <= _suppressThrough + LikelihoodWindow ? 0 : likelihood;
        score = Math.Max(score, likelihood);

        // One incident, one alarm: a score that reaches the threshold starts a cooldown (during warm-up too, so the
        // first live point is not an echo of a warm-up incident) in which the reported score is 0.
        bool flagged = false;
        if (PointsScored <= _suppressThrough)
        {
            score = 0;
        }
        else if (score >= _threshold)
        {
            _suppressThrough = PointsScored + _cooldownPoints;
            flagged = !IsWarmingUp;
        }

        PointsScored++;
        var severity = !flagged ? AnomalySeverity.None
            : stuck ? (AnomalySeverity)Math.Max((int)SeverityOf(reportedZ), (int)AnomalySeverity.Medium)
            : (AnomalySeverity)Math.Max((int)SeverityOf(reportedZ), (int)LevelSeverityOf(level > Math.Max(residualScore, seasonal) ? levelDepth : 0));
        return new AnomalyScore(score, reportedZ, flagged, severity)
        {
            Parts = new ScoreParts(residualScore, noveltyScore, seasonal, weekly, level, stuck, likelihood),
            Miss = deviation,
            ResidualBand = band,
        };
    }

    // Once a part has reached the threshold it counts again only deeper than it has been, until it falls back below.
    private double Excursion(double part, ref double held)
    {
        if (part < _threshold)
        {
            held = 0;
            return part;
        }

        if (part <= held)
        {
            return 0;
        }

        held = part;
        return part;
    }

    /// <summary>The scorer's learnt state (warm-up progress, residual and day-ago statistics, cooldown), for a checkpoint.</summary>
    public ResidualScorerState Capture()
    {
        var residuals = _residuals.Capture();
        return new(PointsScored, residuals.Count, residuals.Mean, residuals.Variance, _suppressThrough, residuals.Recent, residuals.RecentNext, residuals.RecentCount)
        {
            DayAgo = _dayAgo.Count > 0 ? _dayAgo.Capture() : null,
            WeekAgo = _weekAgo.Count > 0 ? _weekAgo.Capture() : null,
            Values = _values.Count > 0 ? _values.Capture() : null,
            LevelHeld = _levelHeld,
            WeekHeld = _weekHeld,
            Scores = _likelihood.Count > 0 ? _likelihood.Capture() : null,
        };
    }

    /// <summary>
    /// Continues from a captured state. A short ring of another length (ShortWindow changed since) is not carried
    /// over; the statistics are. A state without day-ago statistics (an older record) starts them afresh. Throws
    /// <see cref="ArgumentException"/> on numbers no scorer could have.
    /// </summary>
    public void Restore(ResidualScorerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var residuals = new ResidualStatisticsState(state.StatsCount, state.Mean, state.Variance, state.Recent, state.RecentNext, state.RecentCount);
        var dayAgo = state.DayAgo ?? ResidualStatisticsState.Empty;
        var weekAgo = state.WeekAgo ?? ResidualStatisticsState.Empty;
        var values = state.Values ?? ResidualStatisticsState.Empty;
        var scores = state.Scores ?? ResidualStatisticsState.Empty;
        // All checked before any changes: a bad state never leaves a half-restored scorer.
        if (state.PointsScored < 0 || !ResidualStatistics.IsValid(residuals) || !ResidualStatistics.IsValid(dayAgo)
            || !ResidualStatistics.IsValid(weekAgo) || !ResidualStatistics.IsValid(values) || !ResidualStatistics.IsValid(scores) || state.LevelHeld is not (>= 0 and <= 1)
            || state.WeekHeld is not (>= 0 and <= 1))
        {
            throw new ArgumentException($"Not a residual scorer state: {state}.", nameof(state));
        }

        _residuals.Restore(residuals);
        _dayAgo.Restore(dayAgo);
        _weekAgo.Restore(weekAgo);
        _values.Restore(values);
        _likelihood.Restore(scores);
        PointsScored = state.PointsScored;
        _suppressThrough = state.SuppressThrough;
        _levelHeld = state.LevelHeld;
        _weekHeld = state.WeekHeld;
    }

    private static AnomalySeverity SeverityOf(double z) =>
        z >= HighZ ? AnomalySeverity.High : z >= MediumZ ? AnomalySeverity.Medium : AnomalySeverity.Low;

    // A value a whole range beyond the series' last days is as grave as a 10σ miss; half a range as a 6σ one.
    private static AnomalySeverity LevelSeverityOf(double depth) =>
        depth >= 1 ? AnomalySeverity.High : depth >= 0.5 ? AnomalySeverity.Medium : AnomalySeverity.Low;
}
