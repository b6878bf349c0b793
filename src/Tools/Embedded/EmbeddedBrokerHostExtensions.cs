using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Tools.Embedded;

/// <summary>Gives a worker host built by the tools the embedded broker the service itself does not carry.</summary>
public static class EmbeddedBrokerHostExtensions
{
    /// <summary>Registers the mock cluster, started only if <c>Kafka:BootstrapServers</c> is <c>embedded</c>.</summary>
    public static HostApplicationBuilder AddEmbeddedBroker(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IEmbeddedBroker, MockClusterBroker>();
        return builder;
    }

    /// <summary>
    /// Names the embedded broker when no broker is configured (the demo runs everything in one process); a broker
    /// given anywhere (file, environment, command line) still wins.
    /// </summary>
    public static HostApplicationBuilder DefaultToEmbeddedBroker(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}"]))
        {
            builder.Configuration.AddInMemoryCollection([new($"{KafkaOptions.Section}:{nameof(KafkaOptions.BootstrapServers)}", KafkaOptions.Embedded)]);
        }

        return builder.AddEmbeddedBroker();
    }
}
