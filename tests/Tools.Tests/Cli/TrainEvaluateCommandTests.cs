using System.CommandLine;
using System.Globalization;
using Streaming.Model.Checkpoints;
using Streaming.Tools.Cli;
using Streaming.Worker.Checkpoints;

namespace Streaming.Tools.Tests.Cli;

public sealed class TrainEvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("train-cli-").FullName;

    private string Csv(string name, int points, Func<int, double> value)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, ["timestamp,value", .. Enumerable.Range(0, points).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"2026-01-01T00:{i / 60:00}:{i % 60:00}Z,{value(i)}"))]);
        return path;
    }

    private static (int Code, string[] Lines) Run(Func<ParseResult, TextWriter, int> command, params string[] args)
    {
        using var output = new StringWriter();
        var code = command(ToolsCommandLine.Parse(args), output);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static double Value(string[] lines, string key) =>
        double.Parse(lines.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..], CultureInfo.InvariantCulture);

    [Fact]
    public void Train_reports_each_epoch_ends_with_test_mse_and_writes_a_checkpoint_that_evaluate_reads()
    {
        var csv = Csv("pump-9.csv", 400, i => 50 + (10 * Math.Sin(i / 5.0)));
        var checkpoint = Path.Combine(_dir, "pump.ckpt");

        var (code, lines) = Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "3", "--batch-size", "4", "--out", checkpoint, "--Model:HiddenSize=16", "--Model:LearningRate=0.005");

        Assert.Equal(0, code);
        Assert.Equal(3, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
        Assert.StartsWith("test_mse=", lines[^1], StringComparison.Ordinal);
        var testMse = Value(lines, "test_mse");
        Assert.InRange(testMse, 0, 0.005);

        var series = Assert.Single(CheckpointSeriesCodec.Read(CheckpointFile.Load(checkpoint)));
        Assert.Equal("pump-9", series.SeriesId);
        Assert.Equal(40, series.Scaler.Min, 1);

        // The architecture comes from the checkpoint, not from configuration (default HiddenSize 50 here).
        var (evalCode, evalLines) = Run(EvaluateCommand.Run, "evaluate", "--model", checkpoint, "--input", csv);
        Assert.Equal(0, evalCode);
        Assert.Contains("scaled with the checkpoint's scaler of series 'pump-9'", evalLines[0], StringComparison.Ordinal);
        Assert.InRange(Value(evalLines, "mse"), 0, 0.005);
        Assert.Equal(Value(evalLines, "mae") * 20, Value(evalLines, "mae_raw"), 3);
    }

    [Fact]
    public void Predict_gives_the_next_value_from_a_csv_or_standard_input_alike()
    {
        static double Wave(int i) => 50 + (10 * Math.Sin(i / 5.0));
        var csv = Csv("pump-9.csv", 400, Wave);
        var checkpoint = Path.Combine(_dir, "predict.ckpt");
        Assert.Equal(0, Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "3", "--batch-size", "4", "--out", checkpoint, "--Model:HiddenSize=16", "--Model:LearningRate=0.005").Code);

        var (code, lines) = Run(PredictCommand.Run(input: TextReader.Null), "predict", "--model", checkpoint, "--input", csv);
        Assert.Equal(0, code);
        var next = Value(lines, "next");
        Assert.InRange(next, Wave(400) - 1.5, Wave(400) + 1.5);

        // The same series as plain values on standard input, after a header line: the same window, the same answer.
        var stdin = new StringReader("value\n" + string.Join("\n", Enumerable.Range(0, 400).Select(i => Wave(i).ToString("R", CultureInfo.InvariantCulture))));
        var (stdinCode, stdinLines) = Run(PredictCommand.Run(stdin), "predict", "--model", checkpoint, "--series", "pump-9");
        Assert.Equal(0, stdinCode);
        Assert.Equal(next, Value(stdinLines, "next"), 6);

        var tooShort = Assert.Throws<FormatException>(() => Run(PredictCommand.Run(new StringReader("1\n2\n3")), "predict", "--model", checkpoint));
        Assert.Contains("at least 10 values", tooShort.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_writes_its_history_as_csv_and_draws_it_when_asked()
    {
        var csv = Csv("h.csv", 200, i => Math.Sin(i / 4.0));
        var checkpoint = Path.Combine(_dir, "h.ckpt");
        var plot = Path.Combine(_dir, "h.png");
        var (code, lines) = Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "3", "--batch-size", "32", "--Model:HiddenSize=8", "--out", checkpoint, "--plot", plot);

        Assert.Equal(0, code);
        var history = File.ReadAllLines(Path.Combine(_dir, "h.history.csv"));
        Assert.Equal("epoch,loss,test_mse,learning_rate", history[0]);
        Assert.Equal(["1", "2", "3"], history.Skip(1).Select(l => l.Split(',')[0]));
        var last = history[^1].Split(',');
        Assert.Equal(Value(lines, "test_mse"), double.Parse(last[2], CultureInfo.InvariantCulture), 6);
        Assert.Equal(0.001, double.Parse(last[3], CultureInfo.InvariantCulture), 9);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot)[..4]);
    }

    [Fact]
    public void A_validation_run_holds_out_the_end_of_the_training_part_and_never_reports_the_test_split()
    {
        var csv = Csv("v.csv", 200, i => Math.Sin(i / 4.0));
        var (code, lines) = Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "1", "--batch-size", "32", "--Model:HiddenSize=8", "--validation", "--out", Path.Combine(_dir, "v.ckpt"));

        Assert.Equal(0, code);
        Assert.DoesNotContain(lines, l => l.Contains("test_", StringComparison.Ordinal));
        Assert.InRange(Value(lines, "validation_mse"), 0, 1);
        // 190 pairs: 152 for training, of which 121 fit and 31 validate.
        Assert.Contains("152 windows", lines[0], StringComparison.Ordinal);
        Assert.Equal("epoch,loss,validation_mse,learning_rate", File.ReadAllLines(Path.Combine(_dir, "v.history.csv"))[0]);
    }

    [Fact]
    public void A_trace_holds_the_initial_weights_the_order_of_each_epoch_and_every_steps_loss()
    {
        var csv = Csv("t.csv", 200, i => Math.Sin(i / 5.0));
        var trace = Path.Combine(_dir, "trace");
        var (code, _) = Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "2", "--batch-size", "16", "--Model:HiddenSize=8", "--trace", trace,
            "--out", Path.Combine(_dir, "t.ckpt"));

        Assert.Equal(0, code);
        // GRU(8) over one input: 3 × 8 gates of input and recurrent weights and their biases, then Dense(8 → 1).
        Assert.Equal(24 * 4, new FileInfo(Path.Combine(trace, "gru.weight_ih_l0.bin")).Length);
        Assert.Equal(24 * 8 * 4, new FileInfo(Path.Combine(trace, "gru.weight_hh_l0.bin")).Length);
        var trainPairs = (int)((200 - 10) * 0.8);
        var orders = File.ReadAllLines(Path.Combine(trace, "order.txt")).Select(l => l.Split(' ').Select(int.Parse).ToArray()).ToArray();
        Assert.Equal(2, orders.Length);
        Assert.All(orders, order => Assert.Equal(Enumerable.Range(0, trainPairs), order.Order()));
        Assert.NotEqual(orders[0], orders[1]);
        Assert.Equal(2 * ((trainPairs + 15) / 16), File.ReadAllLines(Path.Combine(trace, "steps.txt")).Length);
    }

    [Fact]
    public void Same_seed_trains_the_same_model()
    {
        var csv = Csv("s.csv", 200, i => Math.Cos(i / 3.0));
        string[] args = ["train", "--input", csv, "--epochs", "1", "--batch-size", "16", "--Model:HiddenSize=8", "--seed", "5", "--out"];
        var a = Value(Run(TrainCommand.Run, [.. args, Path.Combine(_dir, "a.ckpt")]).Lines, "test_mse");
        var b = Value(Run(TrainCommand.Run, [.. args, Path.Combine(_dir, "b.ckpt")]).Lines, "test_mse");
        Assert.Equal(a, b);
    }

    [Fact]
    public void Train_decays_the_learning_rate_over_the_last_epochs_when_asked()
    {
        var csv = Csv("d.csv", 200, i => Math.Sin(i / 4.0));
        var (code, lines) = Run(TrainCommand.Run, "train", "--input", csv, "--epochs", "3", "--batch-size", "32", "--decay-epochs", "2", "--decay-to", "0.5",
            "--average-epochs", "2", "--Model:HiddenSize=8", "--Model:LearningRate=0.004", "--out", Path.Combine(_dir, "d.ckpt"));

        Assert.Equal(0, code);
        Assert.Contains("learning rate decaying to 0.5× over the last 2 epochs, weights averaged over the last 2 epochs", lines[0], StringComparison.Ordinal);
        Assert.Equal(["lr=4.00E-003", "lr=3.00E-003", "lr=2.00E-003"], lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
    }

    [Fact]
    public void Train_schedule_switches_take_zero_but_not_a_negative_count()
    {
        var cli = ToolsCommandLine.Parse(["train", "--preset", "keras-stacked", "--decay-epochs", "0", "--average-epochs", "0"]);
        Assert.Empty(cli.Errors);
        Assert.Equal(0, cli.GetValue(TrainCommand.DecayEpochs));
        var error = Assert.Single(ToolsCommandLine.Parse(["train", "--average-epochs", "-1"]).Errors);
        Assert.Equal("--average-epochs must be a whole number, 0 or more, got '-1'.", error.Message);
    }

    [Fact]
    public void Evaluate_refuses_a_corrupt_checkpoint_and_train_an_unknown_preset()
    {
        var csv = Csv("x.csv", 50, i => i % 7);
        var bad = Path.Combine(_dir, "bad.ckpt");
        File.WriteAllBytes(bad, [.. "GRUCKPT\u001A"u8, 1, 0, 0, 0, 9, 9, 9]);

        var ex = Assert.Throws<CheckpointException>(() => Run(EvaluateCommand.Run, "evaluate", "--model", bad, "--input", csv));
        Assert.Contains("is corrupt or truncated", ex.Message, StringComparison.Ordinal);

        var preset = Assert.Throws<FormatException>(() => Run(TrainCommand.Run, "train", "--preset", "keras-lstm"));
        Assert.Equal("Unknown preset 'keras-lstm'. Presets: keras-gru, keras-stacked.", preset.Message);
    }

    [Fact]
    public void A_csv_row_that_is_not_a_number_names_its_line()
    {
        var path = Path.Combine(_dir, "broken.csv");
        File.WriteAllLines(path, ["timestamp,value", "2026-01-01T00:00:00Z,1.5", "2026-01-01T00:01:00Z,oops"]);
        var ex = Assert.Throws<FormatException>(() => Offline.CsvSeries.Read(path));
        Assert.Equal($"{path}: data row 2 ('2026-01-01T00:01:00Z', 'oops') is not an ISO-8601 timestamp and a finite number.", ex.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
