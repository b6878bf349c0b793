using Microsoft.Extensions.DependencyInjection;
using Streaming.Model.Checkpoints;
using Streaming.Model.Detection;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Model.Points;
using Streaming.Model.Scaling;
using Streaming.Model.Scoring;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Tests.Checkpoints;

public sealed class WarmStartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelOptions Model = new() { WindowSize = 5, HiddenSize = 16 };
    private static readonly ScoringOptions Scoring = new() { WarmupPoints = 100 };

    private static double Sine(int i) => 20 + (5 * Math.Sin(i / 4.0));

    private static DetectionEngine Engine(GruForecaster forecaster) => new(forecaster, Scoring, () => ScalerFactory.Create(ScalerKind.MinMax));

    private static DetectionResult Process(DetectionEngine engine, string series, int i, double value)
    {
        var results = new DetectionResult[1];
        engine.Process([new SensorPoint(series, T0.AddMinutes(i), value)], results);
        return results[0];
    }

    private static byte[] TrainedCheckpoint()
    {
        using var forecaster = new GruForecaster(Model);
        var engine = Engine(forecaster);
        for (var i = 0; i < 400; i++)
        {
            Process(engine, "pump-1", i, Sine(i));
        }

        return DetectorCheckpoint.Capture(forecaster, DetectorCheckpoint.From(engine)).ToBytes();
    }

    [Fact]
    public void A_series_known_to_the_checkpoint_flags_from_its_first_full_window_and_a_new_one_warms_up()
    {
        var checkpoint = DetectorCheckpoint.Restore(CheckpointFile.Parse(TrainedCheckpoint()), Model);
        using var forecaster = checkpoint.Forecaster;
        var engine = Engine(forecaster);
        checkpoint.WarmUp(engine);

        for (var i = 400; i < 405; i++)
        {
            Assert.Equal(SeriesPhase.Filling, Process(engine, "pump-1", i, Sine(i)).Phase);
        }

        var first = Process(engine, "pump-1", 405, 60);
        Assert.Equal(SeriesPhase.Live, first.Phase);
        Assert.True(first.IsAnomaly, "a spike at the warm series' first full window is flagged");

        for (var i = 0; i < 6; i++)
        {
            Process(engine, "pump-2", i, Sine(i));
        }

        var cold = Process(engine, "pump-2", 6, 60);
        Assert.Equal(SeriesPhase.WarmingUp, cold.Phase);
        Assert.False(cold.IsAnomaly);
    }

    [Fact]
    public void Series_states_round_trip_and_keep_the_scaler_range()
    {
        var file = CheckpointFile.Parse(TrainedCheckpoint());
        var series = Assert.Single(CheckpointSeriesCodec.Read(file));

        Assert.Equal("pump-1", series.SeriesId);
        Assert.Equal(15, series.Scaler.Min, 2);
        Assert.Equal(25, series.Scaler.Max, 2);
        Assert.Equal(400, series.Scaler.Count);
        Assert.Equal(395, series.Scorer.PointsScored);
    }

    [Fact]
    public void Garbage_series_states_are_refused_before_the_model_is_built()
    {
        var file = CheckpointFile.Parse(TrainedCheckpoint());
        file.Set(CheckpointSeriesCodec.SectionName, [1, 0, 0, 0, 3, (byte)'a']);

        var ex = Assert.Throws<CheckpointException>(() => DetectorCheckpoint.Restore(CheckpointFile.Parse(file.ToBytes()), Model));
        Assert.StartsWith("The checkpoint's series states do not load", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_refuses_to_start_from_a_corrupt_checkpoint_or_one_of_another_architecture()
    {
        var bytes = TrainedCheckpoint();
        var path = Path.Combine(Path.GetTempPath(), $"warm-{Guid.NewGuid():N}.ckpt");
        try
        {
            File.WriteAllBytes(path, bytes[..^10]);
            var corrupt = Assert.Throws<CheckpointException>(() => Resolve(path, Model.HiddenSize));
            Assert.Equal($"{path} is corrupt or truncated ({bytes.Length - 10} bytes, checksum mismatch); nothing was loaded.", corrupt.Message);

            File.WriteAllBytes(path, bytes);
            var other = Assert.Throws<CheckpointException>(() => Resolve(path, 32));
            Assert.Contains("Model:HiddenSize checkpoint=16 configured=32", other.Message, StringComparison.Ordinal);

            Assert.Equal(1, Resolve(path, Model.HiddenSize).SeriesCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_worker_takes_the_architecture_from_the_checkpoint()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warm-{Guid.NewGuid():N}.ckpt");
        try
        {
            File.WriteAllBytes(path, TrainedCheckpoint());
            var builder = DetectorHost.CreateBuilder([], new Dictionary<string, string?> { ["Model:Checkpoint"] = path });
            using var host = builder.Build();
            Assert.Equal(1, host.Services.GetRequiredService<DetectionEngine>().SeriesCount);
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModelOptions>>().Value;
            Assert.Equal((5, 16), (options.WindowSize, options.HiddenSize));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_checkpoint_written_by_an_earlier_build_still_loads_and_predicts_as_it_did()
    {
        // Written by `train --preset keras-gru --epochs 2 --Model:HiddenSize=4 --Model:WindowSize=5` (2026-12-04).
        var file = CheckpointFile.Load(Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", "format1-gru4.ckpt"));
        var options = new ModelOptions();
        ForecasterCheckpoint.AdoptArchitecture(options, file.Architecture);
        var checkpoint = DetectorCheckpoint.Restore(file, options);
        using var forecaster = checkpoint.Forecaster;

        Assert.Equal((4, 5, 1), (forecaster.Architecture.HiddenSize, forecaster.Architecture.WindowSize, forecaster.Architecture.Layers));
        Assert.Equal("keras-gru", Assert.Single(checkpoint.Series).SeriesId);
        var prediction = new float[1];
        forecaster.Predict([0.1f, 0.3f, 0.5f, 0.7f, 0.9f], prediction);
        Assert.Equal(ExpectedFixturePrediction, prediction[0], 5);
    }

    private const float ExpectedFixturePrediction = 0.766208f;

    private static DetectionEngine Resolve(string checkpoint, int hiddenSize)
    {
        var builder = DetectorHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Model:Checkpoint"] = checkpoint,
            ["Model:WindowSize"] = "5",
            ["Model:HiddenSize"] = hiddenSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var host = builder.Build();
        return host.Services.GetRequiredService<DetectionEngine>();
    }
}
