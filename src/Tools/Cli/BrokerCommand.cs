using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Streaming.Ingest.Options;
using Streaming.Tools.Embedded;
using Streaming.Worker.Cli;
using Streaming.Worker.Options;

namespace Streaming.Tools.Cli;

/// <summary>
/// <c>broker</c>: only the embedded broker, as its own process, so that workers, <c>kcat</c> or tests that kill
/// a worker can share it. The first line on stdout is <c>bootstrap.servers=HOST:PORT</c>, for scripts.
/// </summary>
public static class BrokerCommand
{
    /// <summary><c>--brokers</c>: how many mock brokers the cluster has.</summary>
    public static readonly Option<int> Brokers = CliOptions.PositiveInt("--brokers", "mock brokers", 1);

    /// <summary><c>--duration</c>: stop after this many seconds.</summary>
    public static readonly Option<int?> Duration = CliOptions.Duration();

    /// <summary>The <c>broker</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("broker", "only the embedded broker; prints its bootstrap address and runs until stopped")
        {
            Duration, Brokers, ConfigurationArguments.Create(),
        };
        command.SetAction((parse, _) => RunAsync(parse));
        return command;
    }

    /// <summary>Runs the broker until Ctrl+C / SIGTERM or <c>--duration</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(ParseResult cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var brokers = cli.GetValue(Brokers);
        var configuration = ToolsHost.CreateBuilder([.. cli.ConfigurationArgs()]).Configuration;
        KnownSettings.ThrowIfUnknown(configuration);
        var kafka = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var ingest = configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        var output = configuration.GetSection(OutputOptions.Section).Get<OutputOptions>() ?? new OutputOptions();

        using var cluster = MockCluster.Start(brokers);
        foreach (var topic in new[] { ingest.Topic, output.PredictionsTopic, output.AnomaliesTopic, output.DeadLetterTopic })
        {
            cluster.CreateTopic(topic, kafka.EmbeddedPartitions);
        }

        Console.WriteLine($"bootstrap.servers={cluster.BootstrapServers}");
        Console.WriteLine($"Embedded broker with {brokers} broker(s); topics {ingest.Topic}, {output.PredictionsTopic}, {output.AnomaliesTopic}, {output.DeadLetterTopic} ({kafka.EmbeddedPartitions} partitions). Other topics are created on first use. Ctrl+C stops it.");
        await WaitForStop(cli.GetValue(Duration)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Completes on Ctrl+C, SIGTERM, after <paramref name="durationSeconds"/> or when <paramref name="stopping"/> fires.</summary>
    internal static async Task WaitForStop(int? durationSeconds, CancellationToken stopping = default)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var stopped = stopping.Register(() => stop.TrySetResult());
        var delay = durationSeconds is { } s ? Task.Delay(TimeSpan.FromSeconds(s), CancellationToken.None) : Task.Delay(Timeout.Infinite, CancellationToken.None);
        await Task.WhenAny(stop.Task, delay).ConfigureAwait(false);
    }
}
