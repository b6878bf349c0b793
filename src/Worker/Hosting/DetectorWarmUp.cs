using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Worker.Output;
using Streaming.Worker.State;

namespace Streaming.Worker.Hosting;

/// <summary>
/// Runs the detector's paths once on a throw-away model before the worker reads anything: tiered compilation is off,
/// so every method is compiled in full at its first call, and the first batch, learning step, JSON, series record and
/// model capture would otherwise pay that on the prediction path (a first batch took 188 ms against 45 with it).
/// </summary>
internal static class DetectorWarmUp
{
    // Enough series for the batched forward's vector lanes and a learning step of the usual size.
    private const int Series = 256;

    /// <summary>Predicts, learns, writes the JSON, saves a series and captures the model once, all on objects of its own.</summary>
    public static void Run(DetectorFactory factory)
    {
        using var forecaster = factory.CreateForecaster();
        var engine = factory.CreateEngine(forecaster);
        var points = new SensorPoint[Series];
        var results = new DetectionResult[Series];
        for (var step = 0; step < forecaster.WindowSize + 2; step++)
        {
            for (var i = 0; i < Series; i++)
            {
                points[i] = new SensorPoint("warm-up-" + i, DateTimeOffset.UnixEpoch.AddMinutes(step), Math.Sin(step + i));
            }

            engine.Detect(points, results);
        }

        // The publish thread's JSON, both forms (prediction, anomaly).
        using (var json = new DetectionJsonWriter())
        {
            json.Serialize(results[0], false);
            json.Serialize(results[0], true);
        }

        if (engine.PointsPerStep != int.MaxValue && engine.PendingLearnable > 0)
        {
            engine.LearnPending(Math.Min(engine.PendingLearnable, engine.PointsPerStep));
        }

        if (engine.TryGetSeries(points[0].SeriesId, out var state) && state.Window.Scaler is MinMaxScaler)
        {
            SeriesRecordCodec.Encode(state, 0);
        }

        ForecasterCheckpoint.Capture(forecaster).ToBytes();
    }
}
