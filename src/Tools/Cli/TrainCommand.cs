using System.CommandLine;
using System.Globalization;
using Streaming.Model.Forecasting;
using Streaming.Model.Scaling;
using Streaming.Model.Training;
using Streaming.Tools.Offline;
using Streaming.Tools.Terminal;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Cli;

namespace Streaming.Tools.Cli;

/// <summary>
/// <c>train</c>: the lesson's offline experiment on a CSV or a built-in preset. Min-max scales the whole series to
/// [0, 1], cuts windows, trains on the first 80% of the pairs, prints progress per epoch and then
/// <c>test_mse=&lt;value&gt;</c> (scaled units², on the last 20%) on its own line, and writes a checkpoint.
/// </summary>
public static class TrainCommand
{
    /// <summary><c>--preset</c>: one of the lesson's experiments.</summary>
    public static readonly Option<string> Preset = CliOptions.Text("--preset", "keras-gru or keras-stacked: the lesson's series and model", "name");

    /// <summary><c>--input</c>: a CSV series.</summary>
    public static readonly Option<string> Input = CliOptions.Text("--input", "CSV of timestamp,value rows to train on", "csv");

    /// <summary><c>--out</c>: where the checkpoint goes.</summary>
    public static readonly Option<string> Out = new("--out") { Description = "checkpoint file to write", HelpName = "file", DefaultValueFactory = _ => "model.ckpt" };

    /// <summary><c>--history</c>: where the per-epoch CSV goes.</summary>
    public static readonly Option<string> History = CliOptions.Text("--history", "CSV of epoch,loss,test_mse,learning_rate (default: the checkpoint's name with .history.csv)", "csv");

    /// <summary><c>--plot</c>: a PNG of the history.</summary>
    public static readonly Option<string> Plot = CliOptions.Text("--plot", "draw the training loss and test MSE per epoch to this PNG", "png");

    /// <summary><c>--validation</c>: a run that never sees the test split.</summary>
    public static readonly Option<bool> Validation = CliOptions.Flag("--validation",
        "train on the first 80% of the training pairs and report validation_mse on the rest; the test split stays unseen (for choosing settings)");

    /// <summary><c>--epochs</c>.</summary>
    public static readonly Option<int?> Epochs = CliOptions.OptionalPositiveInt("--epochs", "passes over the training pairs (default 50)");

    /// <summary><c>--batch-size</c>.</summary>
    public static readonly Option<int?> BatchSize = CliOptions.OptionalPositiveInt("--batch-size", "pairs per Adam step (default 1)");

    /// <summary><c>--decay-epochs</c>: learning-rate decay over the last epochs.</summary>
    public static readonly Option<int?> DecayEpochs = CliOptions.OptionalCount("--decay-epochs",
        "last epochs over which the learning rate falls (half cosine) to --decay-to times it; 0 = constant (default: the preset's, else 0)");

    /// <summary><c>--decay-to</c>: the learning rate's final fraction.</summary>
    public static readonly Option<double?> DecayTo = CliOptions.OptionalPositiveNumber("--decay-to", "fraction of the learning rate in the final epoch of the decay, at most 1 (default 0.01)");

    /// <summary><c>--average-epochs</c>: weight averaging over the last epochs.</summary>
    public static readonly Option<int?> AverageEpochs = CliOptions.OptionalCount("--average-epochs",
        "keep the mean of the weights after each of the last n epochs (SWA-style); 0 = the last weights (default: the preset's, else 0)");

    /// <summary><c>--seed</c>: weights, shuffle and dropout.</summary>
    public static readonly ConfigurationOption Seed = new("--seed", "Model:Seed", "seed of weights, shuffle and dropout (default 42)", "n");

    /// <summary><c>--series</c>: the series id the checkpoint's scaler and residual statistics are kept under.</summary>
    public static readonly Option<string> SeriesId = CliOptions.Text("--series", "series id of the trained series in the checkpoint (default: preset or file name)", "id");

    /// <summary><c>--trace</c>: the run's start and steps, for replaying it in another implementation.</summary>
    public static readonly Option<string> Trace = CliOptions.Text("--trace",
        "write the initial weights (NAME.bin, raw float32 per state-dict entry), each epoch's pair order (order.txt) and every step's loss (steps.txt) to this directory",
        "dir");

    /// <summary>The <c>train</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("train", "offline training on a CSV or the lesson's series; prints test_mse, writes a checkpoint and its history")
        {
            Preset, Input, Out, Epochs, BatchSize, DecayEpochs, DecayTo, AverageEpochs, Seed, SeriesId, History, Plot, Validation, Trace,
            ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the training; returns the process exit code.</summary>
    public static Task<int> RunAsync(ParseResult cli) => Task.FromResult(Run(cli, null));

    /// <summary>
    /// Runs the training, writing the result to <paramref name="output"/> (the console by default): on a terminal a
    /// progress bar over the epochs, elsewhere a line per epoch.
    /// </summary>
    public static int Run(ParseResult cli, TextWriter? output)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var console = output ?? Console.Out;
        var (name, raw, presetArgs, presetTraining) = Source(cli);
        var (options, scoring) = OfflineConfiguration.Load([.. presetArgs, .. cli.ConfigurationArgs()]);
        var scaler = new MinMaxScaler();
        foreach (var value in raw)
        {
            scaler.Observe(value);
        }

        var scaled = raw.Select(scaler.Scale).ToArray();
        var training = presetTraining with
        {
            Epochs = cli.GetValue(Epochs) ?? presetTraining.Epochs,
            BatchSize = cli.GetValue(BatchSize) ?? presetTraining.BatchSize,
            Seed = options.Seed,
            DecayEpochs = cli.GetValue(DecayEpochs) ?? presetTraining.DecayEpochs,
            DecayTo = cli.GetValue(DecayTo) ?? presetTraining.DecayTo,
            AverageEpochs = cli.GetValue(AverageEpochs) ?? presetTraining.AverageEpochs,
        };
        using var forecaster = new GruForecaster(options);
        // A preset reproduces the lesson, its pairs included; a user's series keeps every pair.
        var pairs = cli.GetValue(Preset) is not null ? SupervisedWindows.CreateDataset(scaled, options.WindowSize) : new SupervisedWindows(scaled, options.WindowSize);
        // A validation run holds out the end of the training part in the place of the test split.
        var validation = cli.GetValue(Validation);
        var heldOut = validation ? "validation_mse" : "test_mse";
        if (validation)
        {
            pairs = pairs.First((int)(pairs.Count * training.TrainFraction));
        }

        using var trace = cli.GetValue(Trace) is { } traceDir ? TrainingTrace.Start(traceDir, forecaster) : null;
        training = trace?.Follow(training) ?? training;
        console.WriteLine($"Training {forecaster.Architecture} on {name}: {raw.Length} points, {pairs.Count} windows, " +
            $"epochs {training.Epochs}, batch size {training.BatchSize}, seed {options.Seed}, loss {options.Loss}" +
            (training.DecayEpochs > 0 ? string.Create(CultureInfo.InvariantCulture, $", learning rate decaying to {training.DecayTo}× over the last {training.DecayEpochs} epochs") : "") +
            (training.AverageEpochs > 1 ? $", weights averaged over the last {training.AverageEpochs} epochs" : ""));
        var history = new TrainingHistory();
        var test = ProgressDisplay.Run(output, "train", training.Epochs, progress => OfflineTrainer.Train(forecaster, pairs, training, e =>
        {
            history.Add(e);
            progress.Report(new ProgressStep(e.Epoch, string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch,3}/{e.Epochs}  lr={e.LearningRate:E2}  loss={e.TrainLoss:E3}  {heldOut}={e.TestMse:E3}  {e.Elapsed.TotalSeconds,6:F1} s")));
        }));

        // The trained series starts warm in a worker: its scaler, and residual statistics from its one-step residuals.
        var all = new float[pairs.Count];
        forecaster.Predict(pairs.Windows, all);
        var scorer = DetectorCheckpoint.ScoreOffline(scoring, all.Select((p, i) => ((double)pairs.Targets[i] - p) * scaler.Span), scaler.Span);
        var path = cli.GetValue(Out) ?? "model.ckpt";
        DetectorCheckpoint.Capture(forecaster, [new WarmSeries(name, scaler, scorer)]).Save(path);
        console.WriteLine($"checkpoint {path} ({new FileInfo(path).Length} bytes): model, Adam state, series '{name}' scaler and residual statistics");
        var historyPath = cli.GetValue(History) ?? Path.ChangeExtension(path, ".history.csv");
        history.WriteCsv(historyPath, heldOut);
        console.WriteLine($"history {historyPath}");
        if (cli.GetValue(Plot) is { } plotPath)
        {
            history.SavePlot(plotPath, $"{forecaster.Architecture} on {name}");
            console.WriteLine($"plot {plotPath}");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heldOut[..^4]}_mae={test.Mae:E6}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heldOut}={test.Mse:E6}"));
        return 0;
    }

    private static (string Name, double[] Values, IReadOnlyList<string> PresetArgs, OfflineTrainingOptions Training) Source(ParseResult cli)
    {
        if (cli.GetValue(Preset) is { } presetName)
        {
            var preset = LessonPreset.Find(presetName);
            return (cli.GetValue(SeriesId) ?? preset.Name, LessonPreset.Series(), preset.Settings, preset.Training);
        }

        var input = cli.GetValue(Input) ?? throw new FormatException("train needs --preset <name> or --input <csv>.");
        return (cli.GetValue(SeriesId) ?? Path.GetFileNameWithoutExtension(input), CsvSeries.Read(input), [], new OfflineTrainingOptions());
    }
}
