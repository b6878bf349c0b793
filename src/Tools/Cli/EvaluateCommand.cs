using System.CommandLine;
using System.Globalization;
using Streaming.Model.Training;
using Streaming.Tools.Offline;

using Streaming.Worker.Cli;

namespace Streaming.Tools.Cli;

/// <summary>
/// <c>evaluate</c>: one-step forecast errors of a checkpoint on a CSV series. The model's architecture comes from the
/// checkpoint. The series is scaled with the checkpoint's scaler of the same series id when it has one, else with
/// min-max over the whole file (as the lesson does); MSE and MAE are printed in scaled units, MAE also in raw units.
/// </summary>
public static class EvaluateCommand
{
    /// <summary><c>--model</c>: the checkpoint.</summary>
    public static readonly Option<string> ModelPath = CliOptions.Text("--model", "checkpoint file (from train, or a worker)", "file", required: true);

    /// <summary><c>--input</c>: the series.</summary>
    public static readonly Option<string> Input = CliOptions.Text("--input", "CSV of timestamp,value rows", "csv", required: true);

    /// <summary><c>--series</c>: which of the checkpoint's series scalers to use.</summary>
    public static readonly Option<string> SeriesId = CliOptions.Text("--series", "series id whose scaler to use (default: the file name)", "id");

    /// <summary>The <c>evaluate</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("evaluate", "one-step MSE/MAE of a checkpoint on a CSV series")
        {
            ModelPath, Input, SeriesId, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the evaluation; returns the process exit code.</summary>
    public static Task<int> RunAsync(ParseResult cli) => Task.FromResult(Run(cli, Console.Out));

    /// <summary>Runs the evaluation, writing to <paramref name="console"/>.</summary>
    public static int Run(ParseResult cli, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(console);
        var modelPath = cli.GetRequiredValue(ModelPath);
        var input = cli.GetRequiredValue(Input);
        using var model = OfflineModel.Load(modelPath, cli.ConfigurationArgs());
        var forecaster = model.Forecaster;
        var raw = CsvSeries.Read(input);
        var id = cli.GetValue(SeriesId) ?? Path.GetFileNameWithoutExtension(input);
        var (scaler, origin) = model.ScalerFor(id, raw);
        var pairs = new SupervisedWindows([.. raw.Select(scaler.Scale)], forecaster.WindowSize);
        var errors = ForecastErrors.Measure(forecaster, pairs, 0, pairs.Count);
        console.WriteLine($"{forecaster.Architecture} on {input}: {pairs.Count} one-step predictions, scaled with {origin}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mse={errors.Mse:E6}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mae={errors.Mae:E6}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mae_raw={errors.Mae * scaler.Span:G6}"));
        return 0;
    }
}
