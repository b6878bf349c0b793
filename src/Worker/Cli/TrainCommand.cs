using System.Globalization;
using Streaming.Ingest.Scaling;
using Streaming.Model.Forecasting;
using Streaming.Model.Training;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Offline;

namespace Streaming.Worker.Cli;

/// <summary>
/// <c>train</c>: the lesson's offline experiment on a CSV or a built-in preset. Min-max scales the whole series to
/// [0, 1], cuts windows, trains on the first 80% of the pairs, prints progress per epoch and then
/// <c>test_mse=&lt;value&gt;</c> (scaled units², on the last 20%) on its own line, and writes a checkpoint.
/// </summary>
public static class TrainCommand
{
    /// <summary><c>--preset</c>: one of the lesson's experiments.</summary>
    public static readonly CliSwitch Preset = new("--preset", CliValue.Text, "keras-gru or keras-stacked: the lesson's series and model");

    /// <summary><c>--input</c>: a CSV series.</summary>
    public static readonly CliSwitch Input = new("--input", CliValue.Text, "CSV of timestamp,value rows to train on");

    /// <summary><c>--out</c>: where the checkpoint goes.</summary>
    public static readonly CliSwitch Out = new("--out", CliValue.Text, "checkpoint file to write (default model.ckpt)");

    /// <summary><c>--history</c>: where the per-epoch CSV goes.</summary>
    public static readonly CliSwitch History = new("--history", CliValue.Text, "CSV of epoch,loss,test_mse,learning_rate (default: the checkpoint's name with .history.csv)");

    /// <summary><c>--plot</c>: a PNG of the history.</summary>
    public static readonly CliSwitch Plot = new("--plot", CliValue.Text, "draw the training loss and test MSE per epoch to this PNG");

    /// <summary><c>--validation</c>: a run that never sees the test split.</summary>
    public static readonly CliSwitch Validation = new("--validation", CliValue.Flag,
        "train on the first 80% of the training pairs and report validation_mse on the rest; the test split stays unseen (for choosing settings)");

    /// <summary><c>--epochs</c>.</summary>
    public static readonly CliSwitch Epochs = new("--epochs", CliValue.PositiveInt, "passes over the training pairs (default 50)");

    /// <summary><c>--batch-size</c>.</summary>
    public static readonly CliSwitch BatchSize = new("--batch-size", CliValue.PositiveInt, "pairs per Adam step (default 1)");

    /// <summary><c>--decay-epochs</c>: learning-rate decay over the last epochs.</summary>
    public static readonly CliSwitch DecayEpochs = new("--decay-epochs", CliValue.Count,
        "last epochs over which the learning rate falls (half cosine) to --decay-to times it; 0 = constant (default: the preset's, else 0)");

    /// <summary><c>--decay-to</c>: the learning rate's final fraction.</summary>
    public static readonly CliSwitch DecayTo = new("--decay-to", CliValue.PositiveNumber, "fraction of the learning rate in the final epoch of the decay, at most 1 (default 0.01)");

    /// <summary><c>--average-epochs</c>: weight averaging over the last epochs.</summary>
    public static readonly CliSwitch AverageEpochs = new("--average-epochs", CliValue.Count,
        "keep the mean of the weights after each of the last n epochs (SWA-style); 0 = the last weights (default: the preset's, else 0)");

    /// <summary><c>--seed</c>: weights, shuffle and dropout.</summary>
    public static readonly CliSwitch Seed = new("--seed", CliValue.Text, "seed of weights, shuffle and dropout (sets Model:Seed; default 42)", "Model:Seed");

    /// <summary><c>--series</c>: the series id the checkpoint's scaler and residual statistics are kept under.</summary>
    public static readonly CliSwitch SeriesId = new("--series", CliValue.Text, "series id of the trained series in the checkpoint (default: preset or file name)");

    /// <summary>Runs the training; returns the process exit code.</summary>
    public static Task<int> RunAsync(CommandLine cli) => Task.FromResult(Run(cli, Console.Out));

    /// <summary>Runs the training, writing progress and the result to <paramref name="console"/>.</summary>
    public static int Run(CommandLine cli, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(console);
        var (name, raw, presetArgs, presetTraining) = Source(cli);
        var (options, scoring) = OfflineConfiguration.Load([.. presetArgs, .. cli.ConfigArgs]);
        var scaler = new MinMaxScaler();
        foreach (var value in raw)
        {
            scaler.Observe(value);
        }

        var scaled = raw.Select(scaler.Scale).ToArray();
        var training = presetTraining with
        {
            Epochs = cli.Int(Epochs.Name, presetTraining.Epochs),
            BatchSize = cli.Int(BatchSize.Name, presetTraining.BatchSize),
            Seed = options.Seed,
            DecayEpochs = cli.Int(DecayEpochs.Name, presetTraining.DecayEpochs),
            DecayTo = cli.Number(DecayTo.Name, presetTraining.DecayTo),
            AverageEpochs = cli.Int(AverageEpochs.Name, presetTraining.AverageEpochs),
        };
        using var forecaster = new GruForecaster(options);
        // A preset reproduces the lesson, its pairs included; a user's series keeps every pair.
        var pairs = cli.Has(Preset.Name) ? SupervisedWindows.CreateDataset(scaled, options.WindowSize) : new SupervisedWindows(scaled, options.WindowSize);
        // A validation run holds out the end of the training part in the place of the test split.
        var validation = cli.Has(Validation.Name);
        var heldOut = validation ? "validation_mse" : "test_mse";
        if (validation)
        {
            pairs = pairs.First((int)(pairs.Count * training.TrainFraction));
        }

        console.WriteLine($"Training {forecaster.Architecture} on {name}: {raw.Length} points, {pairs.Count} windows, " +
            $"epochs {training.Epochs}, batch size {training.BatchSize}, seed {options.Seed}, loss {options.Loss}" +
            (training.DecayEpochs > 0 ? string.Create(CultureInfo.InvariantCulture, $", learning rate decaying to {training.DecayTo}× over the last {training.DecayEpochs} epochs") : "") +
            (training.AverageEpochs > 1 ? $", weights averaged over the last {training.AverageEpochs} epochs" : ""));
        var history = new TrainingHistory();
        var test = OfflineTrainer.Train(forecaster, pairs, training, e =>
        {
            history.Add(e);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch,3}/{e.Epochs}  lr={e.LearningRate:E2}  loss={e.TrainLoss:E3}  {heldOut}={e.TestMse:E3}  {e.Elapsed.TotalSeconds,6:F1} s"));
        });

        // The trained series starts warm in a worker: its scaler, and residual statistics from its one-step residuals.
        var all = new float[pairs.Count];
        forecaster.Predict(pairs.Windows, all);
        var scorer = DetectorCheckpoint.ScoreOffline(scoring, all.Select((p, i) => ((double)pairs.Targets[i] - p) * scaler.Span), scaler.Span);
        var path = cli.Text(Out.Name, "model.ckpt")!;
        DetectorCheckpoint.Capture(forecaster, [new WarmSeries(name, scaler, scorer)]).Save(path);
        console.WriteLine($"checkpoint {path} ({new FileInfo(path).Length} bytes): model, Adam state, series '{name}' scaler and residual statistics");
        var historyPath = cli.Text(History.Name) ?? Path.ChangeExtension(path, ".history.csv");
        history.WriteCsv(historyPath, heldOut);
        console.WriteLine($"history {historyPath}");
        if (cli.Text(Plot.Name) is { } plotPath)
        {
            history.SavePlot(plotPath, $"{forecaster.Architecture} on {name}");
            console.WriteLine($"plot {plotPath}");
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heldOut[..^4]}_mae={test.Mae:E6}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heldOut}={test.Mse:E6}"));
        return 0;
    }

    private static (string Name, double[] Values, IReadOnlyList<string> PresetArgs, OfflineTrainingOptions Training) Source(CommandLine cli)
    {
        if (cli.Text(Preset.Name) is { } presetName)
        {
            var preset = LessonPreset.Find(presetName);
            return (cli.Text(SeriesId.Name, preset.Name)!, LessonPreset.Series(), preset.Settings, preset.Training);
        }

        var input = cli.Text(Input.Name) ?? throw new FormatException("train needs --preset <name> or --input <csv>.");
        return (cli.Text(SeriesId.Name, Path.GetFileNameWithoutExtension(input))!, CsvSeries.Read(input), [], new OfflineTrainingOptions());
    }
}
