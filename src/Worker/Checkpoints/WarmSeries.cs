using Streaming.Model.Scaling;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Checkpoints;

/// <summary>A series as a checkpoint keeps it: its id, its fitted scaler and its residual statistics.</summary>
public sealed record WarmSeries(string SeriesId, MinMaxScaler Scaler, ResidualScorerState Scorer);
