using Microsoft.Extensions.Options;
using Streaming.Tools;
using Streaming.Worker.Hosting;
using Streaming.Worker.Options;

namespace Streaming.Worker.Tests.Options;

public class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new KafkaOptionsValidator().Validate(null, new KafkaOptions()).Succeeded);
        Assert.True(new OutputOptionsValidator().Validate(null, new OutputOptions()).Succeeded);
        Assert.True(new PipelineOptionsValidator().Validate(null, new PipelineOptions()).Succeeded);
    }

    [Theory]
    [InlineData("localhost", "Kafka:BootstrapServers")]
    [InlineData("broker:99999", "Kafka:BootstrapServers")]
    public void A_bad_bootstrap_list_names_the_key_and_the_fix(string servers, string key)
    {
        var result = new KafkaOptionsValidator().Validate(null, new KafkaOptions { BootstrapServers = servers });
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("KAFKA__BOOTSTRAPSERVERS", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kafka:Settings:no.such.setting", "1", "no.such.setting")]
    [InlineData("Kafka:Consumer:session.timeout.ms", "soon", "session.timeout.ms")]
    [InlineData("Kafka:Producer:acks", "maybe", "acks")]
    public void A_setting_librdkafka_refuses_stops_start_up_and_names_it(string key, string value, string named)
    {
        using var host = ToolsHost.CreateBuilder([], [new(key, value)]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.Contains(named, StringComparison.Ordinal) && f.Contains("librdkafka refuses", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_librdkafka_settings_pass()
    {
        var options = new KafkaOptions
        {
            Settings = { ["socket.keepalive.enable"] = "true" },
            Consumer = { ["session.timeout.ms"] = "6000" },
            Producer = { ["compression.type"] = "lz4" },
        };
        Assert.True(new KafkaOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void An_empty_output_topic_is_refused()
    {
        var result = new OutputOptionsValidator().Validate(null, new OutputOptions { AnomaliesTopic = " " });
        Assert.True(result.Failed);
        Assert.Contains("Output:AnomaliesTopic is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pipeline:MaxBatchSize", "0")]
    [InlineData("Pipeline:LearnTimeShare", "-0.1")]
    [InlineData("Pipeline:LearnTimeShare", "1.5")]
    [InlineData("Pipeline:IdleLearnShare", "-0.1")]
    [InlineData("Pipeline:IdleLearnShare", "2")]
    [InlineData("Model:WindowSize", "1")]
    [InlineData("Scoring:Threshold", "1.5")]
    [InlineData("Ingest:MaxPayloadBytes", "3")]
    [InlineData("Kafka:BootstrapServers", "nohostport")]
    public async Task A_bad_setting_stops_start_up_with_its_key(string key, string value)
    {
        // Building the hosted services needs a broker address; the bad setting overrides it in its own case.
        var settings = new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = KafkaOptions.Embedded, [key] = value };
        using var host = ToolsHost.CreateBuilder([], settings).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.Contains(key, StringComparison.Ordinal));
        var atStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(atStart.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        using var host = ToolsHost.CreateBuilder([], [new("Model:HiddenSize", "0"), new("Output:PredictionsTopic", "")]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.StartsWith("Model:HiddenSize = 0 is invalid", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Output:PredictionsTopic is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_a_configuration_error_naming_the_key()
    {
        using var host = ToolsHost.CreateBuilder(["--Model:HiddenSize=abc"]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        Assert.Contains(ex.Failures, f => f.Contains("'abc' at 'Model:HiddenSize'", StringComparison.Ordinal));
    }
}
