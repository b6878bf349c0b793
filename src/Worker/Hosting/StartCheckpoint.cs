using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Scoring;
using Streaming.Model.Torch;
using Streaming.Worker.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Hosting;

/// <summary>The checkpoint the worker starts from, if <c>Model:Checkpoint</c> names one.</summary>
internal sealed record StartCheckpoint(DetectorCheckpoint? Checkpoint);
