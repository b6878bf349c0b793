using System.Text;
using Streaming.Model.Scaling;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Checkpoints;

/// <summary>A carried streaming state as read from a record, before it is put into a series.</summary>
internal sealed record SavedCarry(long Steps, int ChunkInputs, int ChunkTargets, float[] Values);
