using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Kafka;
using Streaming.Worker.Hosting;
using Streaming.Worker.Kafka;
using Streaming.Worker.Output;

namespace Streaming.Worker.Tests.Kafka;

public sealed class KafkaSettingsLogTests : IDisposable
{
    private readonly string _secrets = Directory.CreateTempSubdirectory("secrets-").FullName;

    [Theory]
    [InlineData("sasl.password")]
    [InlineData("ssl.key.password")]
    [InlineData("ssl.keystore.password")]
    [InlineData("sasl.oauthbearer.client.secret")]
    [InlineData("ssl.key.pem")]
    [InlineData("sasl.jaas.config")]
    [InlineData("sasl.oauthbearer.config")]
    public void Secret_settings_are_recognised(string key) => Assert.True(KafkaSettingsLog.IsSecret(key));

    [Theory]
    [InlineData("bootstrap.servers")]
    [InlineData("sasl.username")]
    [InlineData("security.protocol")]
    [InlineData("ssl.ca.location")]
    public void Ordinary_settings_are_shown(string key) => Assert.False(KafkaSettingsLog.IsSecret(key));

    [Fact]
    public void The_logged_client_settings_hide_secrets_read_from_files_and_configuration()
    {
        // A secret as a file, the way Docker and Kubernetes mount them, and one through ordinary configuration.
        File.WriteAllText(Path.Combine(_secrets, "Kafka__Settings__sasl.password"), "from-a-file-s3cret");
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["Kafka:Settings:sasl.username"] = "detector",
            ["Kafka:Producer:ssl.key.password"] = "from-config-s3cret",
        };
        var logs = new CapturingLoggerProvider();
        var builder = DetectorHost.CreateBuilder([], settings, _secrets);
        builder.Logging.AddProvider(logs);
        using var host = builder.Build();

        // Building the clients' configurations is what logs them.
        _ = host.Services.GetRequiredService<PointConsumer>();
        _ = host.Services.GetRequiredService<OutputPublisher>();

        var text = string.Join('\n', logs.Messages);
        Assert.Contains("Kafka consumer settings:", text, StringComparison.Ordinal);
        Assert.Contains("Kafka producer settings:", text, StringComparison.Ordinal);
        Assert.Contains("sasl.username=detector", text, StringComparison.Ordinal);
        Assert.Contains("sasl.password=***", text, StringComparison.Ordinal);
        Assert.Contains("ssl.key.password=***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_secrets, recursive: true);
}
