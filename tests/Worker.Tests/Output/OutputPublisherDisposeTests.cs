using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.State;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Output;

/// <summary>
/// The host disposes the publisher when it stops, also when the publish thread did not drain in time and is still
/// flushing towards a broker that is gone.
/// </summary>
public sealed class OutputPublisherDisposeTests
{
    [Fact]
    public void Disposed_while_another_thread_flushes_it_waits_for_the_flush_to_give_way_and_the_flush_reports_what_is_left()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new DetectorMetrics(services.GetRequiredService<IMeterFactory>());
        for (var round = 0; round < 5; round++)
        {
            // Nothing listens on port 1: every message stays queued, so a flush waits for its whole timeout.
            var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", MessageTimeoutMs = 600_000, LogConnectionClose = false };
            var publisher = new OutputPublisher(config, new OutputOptions(), metrics, NullLogger<OutputPublisher>.Instance);
            for (var i = 0; i < 10; i++)
            {
                publisher.PublishState(new CompactedRecord("state", 0, $"k{i}", [1, 2, 3]), () => { });
            }

            var left = -1;
            using var flushing = new ManualResetEventSlim();
            var flusher = new Thread(() =>
            {
                flushing.Set();
                left = publisher.Flush(TimeSpan.FromSeconds(60));
            });
            flusher.Start();
            flushing.Wait();
            Thread.Sleep(50 + (round * 40));

            // Without the wait, rd_kafka_flush served the queues of a destroyed handle and the process crashed.
            publisher.Dispose();
            Assert.True(flusher.Join(TimeSpan.FromSeconds(30)), "the flush did not give way to Dispose");
            Assert.True(left >= 1, $"left {left}");

            // Nothing reaches the producer any more, and disposing twice is harmless.
            publisher.PublishState(new CompactedRecord("state", 0, "after", [1]), () => Assert.Fail("delivered after Dispose"));
            Assert.Equal(1, publisher.Flush(TimeSpan.FromSeconds(1)));
            publisher.Dispose();
        }
    }
}
