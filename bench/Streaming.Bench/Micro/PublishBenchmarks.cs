using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Ingest.Decoding;
using Streaming.Ingest.Kafka;
using Streaming.Model.Detection;
using Streaming.Model.Points;
using Streaming.Model.Scoring;
using Streaming.Tools.Embedded;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;
using Streaming.Worker.Output;
using Streaming.Worker.Telemetry;

namespace Streaming.Bench.Micro;

/// <summary>
/// The publish thread's per-point work: a prediction's JSON alone, and the whole of publishing it (key, headers, JSON,
/// produce) to the embedded broker with the worker's producer settings, until delivered. Both per point.
/// </summary>
[MemoryDiagnoser]
public class PublishBenchmarks
{
    private const int Points = 1000;
    private readonly DetectionResult _detection = new(
        new SensorPoint("series-0042", new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 41.337),
        SeriesPhase.Live, 40.912345678, 0.424654322, new AnomalyScore(0.4213, 0.2, false, AnomalySeverity.None));

    private readonly DetectionJsonWriter _json = new();
    private readonly InboundRecord[] _sources = new InboundRecord[Points];
    private ServiceProvider _services = null!;
    private MockCluster _cluster = null!;
    private OutputPublisher _publisher = null!;
    private IProducer<byte[], byte[]> _producer = null!;
    private byte[] _value = [];
    private long _offset;

    /// <summary>Starts an embedded broker and a publisher with the worker's producer settings.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cluster = MockCluster.Start();
        _cluster.CreateTopic("predictions", 16);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new DetectorMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var output = new OutputOptions { PredictionsTopic = "predictions", AnomaliesTopic = "predictions" };
        _publisher = new OutputPublisher(KafkaClientConfigs.Producer(new KafkaOptions(), _cluster.BootstrapServers), output, metrics, NullLogger<OutputPublisher>.Instance);
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(new KafkaOptions(), _cluster.BootstrapServers)).Build();
        _value = _json.Serialize(_detection, false);
        var key = "series-0042"u8.ToArray();
        var decoded = DecodeResult.Success(_detection.Point);
        for (var i = 0; i < Points; i++)
        {
            _sources[i] = new InboundRecord(new TopicPartitionOffset("points", new Partition(i % 16), new Offset(i)), key, null, null, decoded);
        }
    }

    /// <summary>Stops the publisher and the broker.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _publisher.Dispose();
        _producer.Dispose();
        _cluster.Dispose();
        _services.Dispose();
        _json.Dispose();
    }

    /// <summary>A prediction's JSON through the publish thread's reused writer.</summary>
    [Benchmark]
    public byte[] Json() => _json.Serialize(_detection, false);

    /// <summary>A prediction's JSON through a writer made for the one message (what every message cost before).</summary>
    [Benchmark]
    public byte[] JsonNewWriterPerMessage() => DetectionJson.Serialize(_detection, false);

    /// <summary>Publishes 1,000 predictions and waits until all are delivered; reported per point.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int PublishAndDeliver()
    {
        var delivered = 0;
        for (var i = 0; i < Points; i++)
        {
            var source = _sources[i] with { Source = new TopicPartitionOffset("points", new Partition(i % 16), new Offset(_offset++)) };
            _publisher.PublishDetection(_detection, source, () => Interlocked.Increment(ref delivered));
        }

        _publisher.Flush(TimeSpan.FromSeconds(30));
        return delivered == Points ? delivered : throw new InvalidOperationException($"{delivered} of {Points} delivered");
    }

    /// <summary>The client alone: 1,000 ready messages with the three source headers, until delivered; per point.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int ProduceWithSourceHeaders() => Produce(withHeaders: true);

    /// <summary>The same messages without headers: what the three headers cost the client.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int ProduceWithoutHeaders() => Produce(withHeaders: false);

    private int Produce(bool withHeaders)
    {
        var delivered = 0;
        var headers = new SourceHeaders();
        for (var i = 0; i < Points; i++)
        {
            var message = new Message<byte[], byte[]> { Key = _sources[i].Key!, Value = _value };
            if (withHeaders)
            {
                message.Headers = headers.For(new TopicPartitionOffset("points", new Partition(i % 16), new Offset(_offset++)));
            }

            _producer.Produce("predictions", message, _ => Interlocked.Increment(ref delivered));
        }

        _producer.Flush(TimeSpan.FromSeconds(30));
        return delivered == Points ? delivered : throw new InvalidOperationException($"{delivered} of {Points} delivered");
    }
}
