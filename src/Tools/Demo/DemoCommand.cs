using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Streaming.Ingest.Options;
using Streaming.Tools.Cli;
using Streaming.Tools.Embedded;
using Streaming.Tools.Simulation;
using Streaming.Tools.Terminal;
using Streaming.Worker.Cli;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Tools.Demo;

/// <summary>
/// The default command: the embedded broker, the worker, the sensor simulator and a console view of the
/// anomalies topic, all in this process. At the end it prints which injected anomalies were flagged and how
/// many flags fell outside them.
/// </summary>
public static class DemoCommand
{
    /// <summary><c>--series</c>: how many simulated series.</summary>
    public static readonly Option<int> Series = CliOptions.PositiveInt("--series", "simulated series", 6);

    /// <summary><c>--rate</c>: points per second per series.</summary>
    public static readonly Option<double> Rate = CliOptions.PositiveNumber("--rate", "points per second per series", 50);

    /// <summary><c>--allow-demo-on-cluster</c>: lets the demo feed simulated points into a cluster other than its embedded broker.</summary>
    public static readonly Option<bool> AllowOnCluster = CliOptions.Flag("--allow-demo-on-cluster", "let the demo write simulated points into the cluster --bootstrap names (refused otherwise)");

    /// <summary><c>--duration</c>: stop after this many seconds.</summary>
    public static readonly Option<int?> Duration = CliOptions.Duration();

    private static readonly ConfigurationOption Bootstrap = CliOptions.Bootstrap();

    /// <summary>Flags listed under the live table.</summary>
    public const int RecentFlags = 6;

    /// <summary>The <c>demo</c> command, the default.</summary>
    public static Command Create()
    {
        var command = new Command("demo", "embedded broker + sensor simulator + worker, with a live table of the series and their flags (the default)")
        {
            Bootstrap, Duration, Series, Rate, AllowOnCluster, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the demo until Ctrl+C or <c>--duration</c>, writing to <paramref name="output"/> (the console by default); returns the exit code.</summary>
    public static async Task<int> RunAsync(ParseResult cli, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var console = output ?? Console.Out;
        var rate = cli.GetValue(Rate);
        var builder = DetectorHost.CreateBuilder([.. cli.ConfigurationArgs()]).DefaultToEmbeddedBroker();
        RefuseForeignCluster(builder.Configuration[$"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}"], cli.GetValue(AllowOnCluster));
        using var host = builder.Build().ValidateOptions();
        await host.StartAsync().ConfigureAwait(false);
        var bootstrap = host.Services.GetRequiredService<BootstrapResolver>().Servers;
        var ingest = host.Services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var topics = host.Services.GetRequiredService<IOptions<OutputOptions>>().Value;

        // Without --duration the plan covers a day at the chosen rate; Ctrl+C ends it sooner.
        var seconds = cli.GetValue(Duration) ?? 86_400;
        var totalPoints = (long)(seconds * rate);
        var series = SimulationPlan.Create(cli.GetValue(Series), totalPoints);
        var simulator = new SimulatorProducer(bootstrap, ingest.Topic, series, rate);
        var report = new DemoReport(series, simulator);
        // On a terminal the table is redrawn in place with the latest flags under it; redirected, flags scroll as lines.
        var inPlace = TerminalOutput.IsInteractive(output);
        var view = new AnomalyConsoleView(bootstrap, topics.AnomaliesTopic, console, report.Describe, printLines: !inPlace);
        var reader = new PredictionReader(bootstrap, topics.PredictionsTopic, report.ObserveScore);

        console.WriteLine($"Demo: {series.Count} series at {rate} points/s each on {bootstrap}; anomalies injected from point 700, every {SimulationPlan.EventSpacing} points. Ctrl+C stops.");
        using var stop = new CancellationTokenSource();
        var viewTask = view.RunAsync(stop.Token);
        var readerTask = reader.RunAsync(stop.Token);
        var screen = inPlace ? new DemoScreen(reader.Table, () => [.. view.Flags.TakeLast(RecentFlags)], report.Describe).RunAsync(AnsiConsole.Console, stop.Token) : Task.CompletedTask;
        var simulation = simulator.RunAsync(totalPoints, stop.Token);
        await BrokerCommand.WaitForStop(cli.GetValue(Duration), host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping).ConfigureAwait(false);

        await stop.CancelAsync().ConfigureAwait(false);
        await simulation.ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        await viewTask.ConfigureAwait(false);
        await readerTask.ConfigureAwait(false);
        await screen.ConfigureAwait(false);
        if (!inPlace)
        {
            foreach (var line in reader.Table.Render())
            {
                console.WriteLine(line);
            }
        }

        report.Print(console, view.Flags);
        return (int)host.ExitCode();
    }

    /// <summary>
    /// Throws <see cref="DemoRefusedException"/> when <paramref name="bootstrap"/> names a cluster other than the embedded
    /// broker and <paramref name="allowed"/> is false: a forgotten <c>run</c> must not put simulated points beside a
    /// user's data.
    /// </summary>
    public static void RefuseForeignCluster(string? bootstrap, bool allowed)
    {
        if (!allowed && !string.IsNullOrWhiteSpace(bootstrap) && !new KafkaOptions { BootstrapServers = bootstrap }.UsesEmbeddedBroker)
        {
            throw new DemoRefusedException(bootstrap.Trim());
        }
    }
}
