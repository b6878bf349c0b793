using System.CommandLine;
using System.Globalization;
using Streaming.Tools.Offline;

using Streaming.Worker.Cli;

namespace Streaming.Tools.Cli;

/// <summary>
/// <c>predict</c>: the next value after a series, from a checkpoint, as the lesson ends (its last window through the
/// model, scaled back). The series comes from a CSV (<c>--input</c>) or from standard input, one value or one
/// <c>timestamp,value</c> row per line.
/// </summary>
public static class PredictCommand
{
    /// <summary><c>--model</c>: the checkpoint.</summary>
    public static readonly Option<string> ModelPath = CliOptions.Text("--model", "checkpoint file (from train, or a worker)", "file", required: true);

    /// <summary><c>--input</c>: the series; standard input without it.</summary>
    public static readonly Option<string> Input = CliOptions.Text("--input", "CSV of timestamp,value rows (default: values on standard input)", "csv");

    /// <summary><c>--series</c>: which of the checkpoint's series scalers to use.</summary>
    public static readonly Option<string> SeriesId = CliOptions.Text("--series", "series id whose scaler to use (default: the input's file name, or the checkpoint's only series)", "id");

    /// <summary>The <c>predict</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("predict", "the next value after a series (CSV or standard input), from a checkpoint")
        {
            ModelPath, Input, SeriesId, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the prediction on the console; returns the process exit code.</summary>
    public static Task<int> RunAsync(ParseResult cli) => Task.FromResult(Run(cli, Console.In, Console.Out));

    /// <summary>The command reading standard input from <paramref name="input"/>.</summary>
    public static Func<ParseResult, TextWriter, int> Run(TextReader input) => (cli, console) => Run(cli, input, console);

    /// <summary>Predicts the value after the series read from <c>--input</c> or <paramref name="input"/>, writing to <paramref name="console"/>.</summary>
    public static int Run(ParseResult cli, TextReader input, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(console);
        var modelPath = cli.GetRequiredValue(ModelPath);
        var csv = cli.GetValue(Input);
        IReadOnlyList<double> raw = csv is null ? ReadValues(input) : CsvSeries.Read(csv);
        using var model = OfflineModel.Load(modelPath, cli.ConfigurationArgs());
        var forecaster = model.Forecaster;
        if (raw.Count < forecaster.WindowSize)
        {
            throw new FormatException($"predict needs at least {forecaster.WindowSize} values (the model's window); it got {raw.Count}.");
        }

        var known = model.SeriesIds.ToList();
        var id = cli.GetValue(SeriesId) ?? (csv is not null ? Path.GetFileNameWithoutExtension(csv) : known.Count == 1 ? known[0] : "");
        var (scaler, origin) = model.ScalerFor(id, raw);
        var window = raw.Skip(raw.Count - forecaster.WindowSize).Select(v => scaler.Scale(v)).ToArray();
        var next = new float[1];
        forecaster.Predict(window, next);
        console.WriteLine($"{forecaster.Architecture}: the last {forecaster.WindowSize} of {raw.Count} values, scaled with {origin}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"next={scaler.Unscale(next[0]):G9}"));
        return 0;
    }

    // One value per line, or a CSV row whose last field is the value; a first line that is not a number is a header.
    private static List<double> ReadValues(TextReader input)
    {
        var values = new List<double>();
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var field = text[(text.LastIndexOf(',') + 1)..].Trim();
            if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                values.Add(value);
            }
            else if (values.Count > 0 || lineNumber > 1)
            {
                throw new FormatException($"standard input, line {lineNumber}: '{line}' has no finite number as its value.");
            }
        }

        return values;
    }
}
