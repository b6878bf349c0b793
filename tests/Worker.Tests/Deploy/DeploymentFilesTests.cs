using System.Text.RegularExpressions;
using Streaming.Ingest.Options;
using Streaming.Worker.Cli;
using Streaming.Worker.Options;
using Streaming.Worker.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace Streaming.Worker.Tests.Deploy;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked for consistency with the code:
/// services, the pinned KRaft broker, topics, environment keys that exist in the options, commands that exist,
/// ports that match, a non-root runtime stage.
/// </summary>
public partial class DeploymentFilesTests
{
    private static readonly YamlMappingNode Services = LoadServices();
    private static readonly string Dockerfile = RepositoryFiles.Read("Dockerfile");

    [Fact]
    public void Compose_has_kafka_topic_creation_worker_and_simulator()
    {
        foreach (var name in new[] { "kafka", "create-topics", "worker", "simulator" })
        {
            Assert.True(Services.Children.ContainsKey(name), $"docker-compose.yml has no service '{name}'");
        }
    }

    [Fact]
    public void Kafka_is_a_pinned_single_node_kraft_broker_like_the_integration_tests_use()
    {
        var kafka = Service("kafka");
        var image = Text(kafka, "image");
        Assert.Matches(@"^apache/kafka:\d+\.\d+\.\d+$", image);
        Assert.Contains($"\"{image}\"", RepositoryFiles.Read("tests/Integration.Tests/Infrastructure/RealKafkaFixture.cs"), StringComparison.Ordinal);
        var env = Environment(kafka);
        Assert.Equal("broker,controller", env["KAFKA_PROCESS_ROLES"]);
        Assert.Equal("1@kafka:9093", env["KAFKA_CONTROLLER_QUORUM_VOTERS"]);
        Assert.DoesNotContain(env.Keys, k => k.Contains("ZOOKEEPER", StringComparison.Ordinal));
        Assert.Equal(image, Text(Service("create-topics"), "image"));
    }

    [Fact]
    public void The_topic_step_creates_every_topic_the_worker_and_simulator_use_with_16_partitions()
    {
        var script = string.Join("\n", Sequence(Service("create-topics"), "command"));
        Assert.Contains("kafka-topics.sh", script, StringComparison.Ordinal);
        Assert.Contains("--partitions 16", script, StringComparison.Ordinal);
        var bootstrap = Environment(Service("worker"))["Kafka__BootstrapServers"];
        Assert.Contains($"--bootstrap-server {bootstrap}", script, StringComparison.Ordinal);
        Assert.Contains($"PLAINTEXT://{bootstrap}", Environment(Service("kafka"))["KAFKA_ADVERTISED_LISTENERS"], StringComparison.Ordinal);

        var worker = Environment(Service("worker"));
        var topics = new[]
        {
            worker.GetValueOrDefault("Ingest__Topic", new IngestOptions().Topic),
            worker.GetValueOrDefault("Output__PredictionsTopic", new OutputOptions().PredictionsTopic),
            worker.GetValueOrDefault("Output__AnomaliesTopic", new OutputOptions().AnomaliesTopic),
            worker.GetValueOrDefault("Output__DeadLetterTopic", new OutputOptions().DeadLetterTopic),
            Environment(Service("simulator")).GetValueOrDefault("Ingest__Topic", new IngestOptions().Topic),
        };
        var created = TopicList().Match(script);
        Assert.True(created.Success, script);
        var createdTopics = created.Groups["topics"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(topics, t => Assert.Contains(t, createdTopics));
    }

    [Fact]
    public void Worker_and_simulator_start_after_the_topics_exist()
    {
        foreach (var name in new[] { "worker", "simulator" })
        {
            var dependsOn = (YamlMappingNode)Service(name).Children["depends_on"];
            Assert.Equal("service_completed_successfully", Text((YamlMappingNode)dependsOn.Children["create-topics"], "condition"));
        }
    }

    [Fact]
    public void Every_double_underscore_environment_key_is_an_option_of_the_worker()
    {
        foreach (var name in new[] { "worker", "simulator" })
        {
            foreach (var key in Environment(Service(name)).Keys.Where(k => k.Contains("__", StringComparison.Ordinal)))
            {
                Assert.True(OptionsCatalog.Find(key) is not null, $"{name}: environment key {key} matches no option (options classes: {string.Join(", ", OptionsCatalog.Classes.Select(c => c.Name))})");
            }
        }

        foreach (Match env in DockerEnv().Matches(Dockerfile))
        {
            Assert.True(OptionsCatalog.Find(env.Groups["key"].Value) is not null, $"Dockerfile: ENV {env.Groups["key"].Value} matches no option");
        }
    }

    [Fact]
    public void Compose_commands_are_commands_of_the_worker_with_switches_they_declare()
    {
        foreach (var name in new[] { "worker", "simulator" })
        {
            var args = Sequence(Service(name), "command");
            var cli = CommandLine.Parse(args);
            Assert.Equal(args[0], cli.Command);
        }

        Assert.Equal("simulate", Sequence(Service("simulator"), "command")[0]);
        Assert.Equal(Text(Service("worker"), "image"), Text(Service("simulator"), "image"));
    }

    [Fact]
    public void Published_ports_are_the_ones_the_worker_listens_on_inside_the_container()
    {
        var env = Environment(Service("worker"));
        var ports = ((YamlSequenceNode)Service("worker").Children["ports"]).Children.Select(p => ((YamlScalarNode)p).Value!).ToList();
        foreach (var key in new[] { "Telemetry__PrometheusUrl", "Telemetry__HealthUrl" })
        {
            var (host, port) = TelemetryOptions.HostAndPort(env[key]);
            Assert.Equal("+", host);
            Assert.Contains($"127.0.0.1:{port}:{port}", ports);
            Assert.Matches($@"EXPOSE[^\n]*\b{port}\b", Dockerfile);
        }
    }

    [Fact]
    public void The_dockerfile_builds_with_the_sdk_and_runs_on_the_runtime_as_a_non_root_user()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime:10.0", stages[1], StringComparison.Ordinal);

        var publish = PublishLine().Match(Dockerfile);
        Assert.True(publish.Success, "no dotnet publish of a project");
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, publish.Groups["project"].Value)), publish.Groups["project"].Value);
        var assembly = AssemblyName().Match(RepositoryFiles.Read(publish.Groups["project"].Value)).Groups["name"].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", Dockerfile, StringComparison.Ordinal);

        var runtimeStage = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        var user = UserLine().Match(runtimeStage);
        Assert.True(user.Success, "the runtime stage sets no USER");
        Assert.DoesNotContain(user.Groups["user"].Value, new[] { "root", "0" });
        Assert.Equal(".", Text(Service("worker"), "build"));
    }

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(RepositoryFiles.Read("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["services"];
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services.Children[name];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[key]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue("environment", out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!)
            : [];

    [GeneratedRegex(@"for topic in (?<topics>[^;]+);")]
    private static partial Regex TopicList();

    [GeneratedRegex(@"(?<key>[A-Za-z]+__[A-Za-z_.]+)=")]
    private static partial Regex DockerEnv();

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();

    [GeneratedRegex(@"^USER (?<user>\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();
}
