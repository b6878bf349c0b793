using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Streaming.Worker.Hosting;
using Streaming.Worker.Options;

namespace Streaming.Worker.Tests.Options;

public class KnownSettingsTests
{
    [Fact]
    public void A_misspelt_switch_is_refused_with_its_source_and_the_nearest_key()
    {
        using var host = DetectorHost.CreateBuilder(["--Kafka:BootstrapServrs=broker:9092"]).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.ValidateOptions());
        var failure = Assert.Single(ex.Failures, f => f.StartsWith("Kafka:BootstrapServrs", StringComparison.Ordinal));
        Assert.Contains("the command line: --Kafka:BootstrapServrs", failure, StringComparison.Ordinal);
        Assert.Contains("did you mean Kafka:BootstrapServers (KAFKA__BOOTSTRAPSERVERS in the environment)?", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_section_on_the_command_line_is_refused()
    {
        var failures = KnownSettings.Unknown(Configuration(commandLine: ["--Kafak:GroupId=g"]));
        Assert.Contains(failures, f => f.StartsWith("Kafak (from the command line: --Kafak:GroupId)", StringComparison.Ordinal)
            && f.Contains("did you mean Kafka?", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_key_of_every_section_the_worker_owns_is_accepted_and_so_are_pass_through_maps_and_logging()
    {
        var keys = KnownSettings.Sections.SelectMany(s => s.Value.GetProperties().Where(p => p.CanWrite)
                .Where(p => !typeof(System.Collections.IDictionary).IsAssignableFrom(p.PropertyType))
                .Select(p => $"--{s.Key}:{p.Name}=1"))
            .Concat(["--Kafka:Settings:sasl.password=x", "--Kafka:Consumer:session.timeout.ms=6000", "--Logging:LogLevel:Streaming=Debug"])
            .ToArray();
        Assert.True(keys.Length > 60, $"only {keys.Length} keys: the reflection found too few");
        Assert.Empty(KnownSettings.Unknown(Configuration(commandLine: keys)));
    }

    [Theory]
    [InlineData("Model:HiddenSise", "Model:HiddenSize")]
    [InlineData("Scoring:Treshold", "Scoring:Threshold")]
    [InlineData("Telemetry:HealthURL2", "Telemetry:HealthUrl")]
    [InlineData("State:SnapshotInterval", "State:SnapshotIntervalSeconds")]
    public void An_unknown_key_in_any_owned_section_names_the_nearest_valid_one(string key, string nearest)
    {
        var failure = Assert.Single(KnownSettings.Unknown(Configuration(memory: new() { [key] = "1" })));
        Assert.StartsWith(key, failure, StringComparison.Ordinal);
        Assert.Contains($"did you mean {nearest} ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_under_a_single_value_key_is_refused()
    {
        var failure = Assert.Single(KnownSettings.Unknown(Configuration(memory: new() { ["Kafka:GroupId:x"] = "1" })));
        Assert.StartsWith("Kafka:GroupId:x", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_the_worker_does_not_own_are_checked_only_from_the_command_line_and_settings_files()
    {
        // The environment (like these in-memory settings) is shared with every other program: only owned sections count there.
        var failures = KnownSettings.Unknown(Configuration(memory: new() { ["Path"] = "/bin", ["Dotnet:Something"] = "1" }));
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("BootstrapServrs", "BootstrapServers", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int distance) =>
        Assert.Equal(distance, KnownSettings.Distance(a, b));

    [Fact]
    public void Other_commands_refuse_unknown_keys_too()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => KnownSettings.ThrowIfUnknown(Configuration(commandLine: ["--Ingest:Topik=x"])));
        Assert.Contains(ex.Failures, f => f.Contains("did you mean Ingest:Topic ", StringComparison.Ordinal));
    }

    private static IConfigurationRoot Configuration(string[]? commandLine = null, Dictionary<string, string?>? memory = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(memory ?? []).AddCommandLine(commandLine ?? []).Build();
}
