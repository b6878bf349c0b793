using Microsoft.Extensions.Logging;
using Streaming.Model.Forecasting;
using Streaming.Model.Training;

namespace Streaming.Worker.Telemetry;

/// <summary>Reports the forecaster's rollbacks to its last good weights: a warning in the log and <c>detector.model.rollbacks{reason}</c>.</summary>
public static partial class ModelRollbackLog
{
    /// <summary>Reports every rollback of <paramref name="forecaster"/> from now on (on its training thread).</summary>
    public static void Watch(GruForecaster forecaster, DetectorMetrics? metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        forecaster.RolledBack += (_, e) =>
        {
            var reason = ReasonName(e.Reason);
            metrics?.ModelRolledBack(reason);
            LogRolledBack(logger, reason, e.Loss, e.MedianLoss, e.StepsUndone, forecaster.Rollbacks);
        };
    }

    /// <summary>The metric's and log's name of a reason: <c>non-finite-loss</c>, <c>exploding-loss</c>, <c>non-finite-gradient</c> or <c>non-finite-state</c>.</summary>
    public static string ReasonName(RollbackReason reason) => reason switch
    {
        RollbackReason.NonFiniteLoss => "non-finite-loss",
        RollbackReason.ExplodingLoss => "exploding-loss",
        RollbackReason.NonFiniteGradient => "non-finite-gradient",
        _ => "non-finite-state",
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Model training step undone ({Reason}: loss {Loss}, recent median {MedianLoss}): the last good weights and Adam state are back, {StepsUndone} steps undone ({Rollbacks} rollbacks so far)")]
    private static partial void LogRolledBack(ILogger logger, string reason, float loss, float medianLoss, long stepsUndone, long rollbacks);
}
