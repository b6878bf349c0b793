using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Integration.Tests.Infrastructure;
using Streaming.Model.Detection;
using Streaming.Worker.Cli;
using Streaming.Worker.Hosting;
using Streaming.Worker.Pipeline;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Integration.Tests.Pipeline;

/// <summary>
/// The worker's exit code after a fault, the way <c>run</c> gets it (<see cref="HostExitCode.RunToExitCodeAsync"/>):
/// a failed model thread and a cluster gone for longer than <c>Kafka:BrokerTimeoutSeconds</c> each end the run with
/// a code of their own and a log line that names the cause, never with 0.
/// </summary>
public sealed class WorkerExitCodeTests
{
    [Fact]
    public async Task A_failed_model_thread_ends_the_run_with_exit_code_6_and_says_so()
    {
        using var kafka = new EmbeddedKafkaFixture();
        var topics = await TestTopics.CreateAsync(kafka, "model-fault");
        var log = new LogLines();
        var builder = DetectorHost.CreateBuilder([], WorkerSettings.For(kafka, topics, "model-fault-" + Guid.NewGuid().ToString("N")));
        builder.Logging.AddProvider(log);
        // The test's fault hook: the model thread reads its records through a reader that throws at the first record.
        builder.Services.AddSingleton(sp => new ModelLoop(
            new ThrowingReader(sp.GetRequiredService<PointConsumer>().Records),
            sp.GetRequiredService<Channel<PublishRequest>>().Writer,
            sp.GetRequiredService<DetectionEngine>(),
            sp.GetRequiredService<PartitionStateKeeper>(),
            sp.GetRequiredService<DetectorMetrics>(),
            sp.GetRequiredService<ILogger<ModelLoop>>(),
            64,
            new LearningBudget(0.25, LearningBudget.DefaultMaxCredit)));
        using var host = builder.Build().ValidateOptions();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = host.RunToExitCodeAsync(limit.Token);

        using var feed = new PointFeed(kafka.BootstrapServers, topics.Input);
        while (!run.IsCompleted && !limit.IsCancellationRequested)
        {
            await feed.PointAsync("fault-1", feed.Sent.Count, 1.0);
            await Task.WhenAny(run, Task.Delay(500));
        }

        Assert.False(limit.IsCancellationRequested, "the worker did not stop by itself within 120 s:\n" + log);
        Assert.Equal(ExitCode.PipelineFailed, await run);
        Assert.Contains(log.Lines, l => l.StartsWith("Critical The model loop failed", StringComparison.Ordinal) && l.Contains(ThrowingReader.Message, StringComparison.Ordinal));
        Assert.Contains("Critical The model thread failed; the worker stopped with exit code 6", log.Lines);
        Assert.Equal("the model thread failed", host.Services.GetRequiredService<WorkerOutcome>().Reason);
    }

    [Fact]
    public async Task A_cluster_out_of_reach_past_the_broker_timeout_ends_the_run_with_exit_code_7()
    {
        using var kafka = new EmbeddedKafkaFixture();
        var topics = await TestTopics.CreateAsync(kafka, "broker-lost");
        var log = new LogLines();
        var builder = DetectorHost.CreateBuilder([], WorkerSettings.For(kafka, topics, "broker-lost-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string?>
        {
            ["Kafka:BrokerTimeoutSeconds"] = "4",
            ["Kafka:Consumer:statistics.interval.ms"] = "500",
            ["Pipeline:ShutdownTimeoutSeconds"] = "3",
        }));
        builder.Logging.AddProvider(log);
        using var host = builder.Build().ValidateOptions();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var run = host.RunToExitCodeAsync(limit.Token);

        // Up and working first: partitions assigned, so the broker was reachable and the watch has seen it.
        Assert.NotNull(await Poll.UntilAsync(() => run.IsCompleted || host.Services.GetRequiredService<PointConsumer>().AssignedPartitions > 0, TimeSpan.FromSeconds(60)));
        Assert.False(run.IsCompleted, "the worker stopped before the broker went down:\n" + log);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(run.IsCompleted, "the worker stopped while the broker was up:\n" + log);

        var down = DateTime.UtcNow;
        kafka.Cluster.SetBrokerDown(1);
        var code = await run.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(ExitCode.BrokerUnreachable, code);
        Assert.True(DateTime.UtcNow - down >= TimeSpan.FromSeconds(4), "stopped before the timeout");
        Assert.Contains("Critical No Kafka broker reachable for 4 s (Kafka:BrokerTimeoutSeconds); the worker stops with exit code 7", log.Lines);
        kafka.Cluster.SetBrokerUp(1);
    }

    /// <summary>A records reader that fails on the model thread as soon as a record is there to read.</summary>
    private sealed class ThrowingReader(ChannelReader<InboundRecord> inner) : ChannelReader<InboundRecord>
    {
        public const string Message = "injected model-thread fault (test)";

        public override Task Completion => inner.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out InboundRecord item) =>
            inner.TryRead(out item) ? throw new InvalidOperationException(Message) : false;

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
    }

    /// <summary>Every log line as "Level message", for the assertions on what the worker said.</summary>
    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{logLevel} {formatter(state, exception)}{(exception is null ? "" : " | " + exception.Message)}");
            }
        }

        public override string ToString() => string.Join('\n', Lines);

        public void Dispose()
        {
        }
    }
}
