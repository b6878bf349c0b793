using Streaming.Model.Forecasting;

namespace Streaming.Model.Training;

/// <summary>One-step forecast errors over a set of pairs, in scaled units.</summary>
public readonly record struct ForecastErrors(double Mse, double Mae, int Count)
{
    /// <summary>Predicts every pair [first, first + count) in one batch and measures the errors.</summary>
    public static ForecastErrors Measure(GruForecaster forecaster, SupervisedWindows pairs, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(pairs);
        var predictions = new float[count];
        forecaster.Predict(pairs.WindowsOf(first, count), predictions);
        ReadOnlySpan<float> targets = pairs.TargetsOf(first, count);
        double squared = 0;
        double absolute = 0;
        for (int i = 0; i < count; i++)
        {
            double error = (double)predictions[i] - targets[i];
            squared += error * error;
            absolute += Math.Abs(error);
        }

        return count == 0 ? new(double.NaN, double.NaN, 0) : new(squared / count, absolute / count, count);
    }
}
