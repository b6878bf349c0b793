using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;
using Streaming.Tools.Embedded;
using Streaming.Worker.Checkpoints;
using Streaming.Worker.Options;
using Streaming.Worker.State;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Streaming.Worker.Tests.State;

public sealed class ModelTopicRestoreTests : IDisposable
{
    private static readonly float[] Window = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f];
    private readonly MockCluster _cluster = MockCluster.Start();
    private readonly string _modelTopic = $"model-{Guid.NewGuid():N}";

    public void Dispose() => _cluster.Dispose();

    private static float Predict(GruForecaster forecaster)
    {
        var next = new float[1];
        forecaster.Predict(Window, next);
        return next[0];
    }

    private void Save(GruForecaster saved)
    {
        _cluster.CreateTopic(_modelTopic, 1);
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        producer.Produce(_modelTopic, new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(PartitionStateKeeper.ModelKey),
            Value = ForecasterCheckpoint.Capture(saved).ToBytes(),
        });
        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private async Task StartAsync(GruForecaster forecaster, StartCheckpoint? start = null)
    {
        var client = new ProducerConfig { BootstrapServers = _cluster.BootstrapServers };
        var topics = new CompactedTopics(client, $"state-{Guid.NewGuid():N}", _modelTopic, "input", NullLogger<CompactedTopics>.Instance);
        var reader = new CompactedTopicReader(new ConsumerConfig { BootstrapServers = _cluster.BootstrapServers }, NullLogger<CompactedTopicReader>.Instance);
        var restore = new ModelTopicRestore(forecaster, start ?? new StartCheckpoint(null), new StateSettings(topics, false, TimeSpan.FromSeconds(20)),
            reader, MsOptions.Create(new KafkaOptions { BootstrapServers = _cluster.BootstrapServers }), NullLogger<ModelTopicRestore>.Instance);
        await restore.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task At_start_the_group_s_saved_model_is_loaded_into_the_worker_s_own()
    {
        using var saved = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 1 });
        using var fresh = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 2 });
        Assert.NotEqual(Predict(saved), Predict(fresh));
        Save(saved);

        await StartAsync(fresh);

        Assert.Equal(Predict(saved), Predict(fresh));
    }

    [Fact]
    public async Task A_saved_model_of_another_architecture_leaves_the_worker_s_model_as_it_was()
    {
        using var saved = new GruForecaster(new ModelOptions { HiddenSize = 4, Seed = 1 });
        using var fresh = new GruForecaster(new ModelOptions { HiddenSize = 8, Seed = 2 });
        var before = Predict(fresh);
        Save(saved);

        await StartAsync(fresh);

        Assert.Equal(before, Predict(fresh));
    }
}
