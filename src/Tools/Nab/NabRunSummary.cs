using Streaming.Tools.Terminal;
using System.Diagnostics;
using System.Globalization;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Model.Detection;

namespace Streaming.Tools.Nab;

/// <summary>All files of a run, ordered by relative path, and the wall-clock time it took.</summary>
public sealed record NabRunSummary(IReadOnlyList<NabFileSummary> Files, TimeSpan Elapsed);
