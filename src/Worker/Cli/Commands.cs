using Streaming.Worker.Demo;
using Streaming.Worker.Nab;
using Streaming.Worker.Replay;
using Streaming.Worker.Simulation;

namespace Streaming.Worker.Cli;

/// <summary>Every command of the program with its switches; the first one runs when no command is given.</summary>
public static class Commands
{
    /// <summary><c>--bootstrap</c>: shared by every command that talks to Kafka.</summary>
    public static readonly CliSwitch Bootstrap = new("--bootstrap", CliValue.Text, "Kafka bootstrap servers (sets Kafka:BootstrapServers)", "Kafka:BootstrapServers");

    /// <summary><c>--duration</c>: shared by every long-running command.</summary>
    public static readonly CliSwitch Duration = new("--duration", CliValue.PositiveInt, "stop by itself after this many seconds (exit code 0)");

    /// <summary><c>--model</c> of the worker: the checkpoint it starts warm from.</summary>
    public static readonly CliSwitch Checkpoint = new("--model", CliValue.Text, "checkpoint to start warm from (sets Model:Checkpoint)", "Model:Checkpoint");

    /// <summary>The commands, in the order the usage lists them.</summary>
    public static readonly IReadOnlyList<CliCommand> All =
    [
        new("demo", "embedded broker + sensor simulator + worker; prints each flagged anomaly",
            [Bootstrap, Duration, DemoCommand.Series, DemoCommand.Rate, DemoCommand.AllowOnCluster], cli => DemoCommand.RunAsync(cli)),
        new("run", "the worker alone, against Kafka:BootstrapServers (required; 'embedded' for the in-process test broker)",
            [Bootstrap, Duration, Checkpoint], RunCommand.RunAsync),
        new("broker", "only the embedded broker; prints its bootstrap address and runs until stopped",
            [Duration, BrokerCommand.Brokers], BrokerCommand.RunAsync),
        new("simulate", "the sensor simulator alone, feeding Ingest:Topic on a running cluster (--bootstrap)",
            [Bootstrap, Duration, SimulateCommand.Series, SimulateCommand.Rate, SimulateCommand.Kinds], cli => SimulateCommand.RunAsync(cli)),
        new("replay", "run a recorded series (CSV, or a topic from a time) through the detector; results CSV and PNG plot",
            [Bootstrap, ReplayCommand.Input, ReplayCommand.Topic, ReplayCommand.From, ReplayCommand.PlotPath, ReplayCommand.Out, ReplayCommand.Series],
            cli => ReplayCommand.RunAsync(cli)),
        new("nab", "runs the detector over Numenta Anomaly Benchmark files (no Kafka) and writes NAB results",
            [NabCommand.Data, NabCommand.Out, NabCommand.Detector, NabCommand.Workers], NabCommand.RunAsync),
        new("train", "offline training on a CSV or the lesson's series; prints test_mse and writes a checkpoint",
            [TrainCommand.Preset, TrainCommand.Input, TrainCommand.Out, TrainCommand.Epochs, TrainCommand.BatchSize,
                TrainCommand.DecayEpochs, TrainCommand.DecayTo, TrainCommand.AverageEpochs, TrainCommand.Seed, TrainCommand.SeriesId,
                TrainCommand.History, TrainCommand.Plot, TrainCommand.Validation],
            TrainCommand.RunAsync),
        new("evaluate", "one-step MSE/MAE of a checkpoint on a CSV series",
            [EvaluateCommand.ModelPath, EvaluateCommand.Input, EvaluateCommand.SeriesId], EvaluateCommand.RunAsync),
        new("predict", "the next value after a series (CSV or standard input), from a checkpoint",
            [PredictCommand.ModelPath, PredictCommand.Input, PredictCommand.SeriesId], PredictCommand.RunAsync),
        new("health", "asks a running worker's /health/ready (Telemetry:HealthUrl): exit 0 when ready, 1 otherwise",
            [HealthCommand.Live], cli => HealthCommand.RunAsync(cli)),
        new("help", "this text", [], _ => Task.FromResult(Help())),
    ];

    private static int Help()
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }
}
