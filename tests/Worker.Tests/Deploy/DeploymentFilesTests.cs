using System.Globalization;
using System.Text.RegularExpressions;
using Streaming.Ingest.Options;
using Streaming.Tools.Cli;
using Streaming.Worker.Cli;
using Streaming.Worker.Options;
using Streaming.Worker.Tests.Configuration;
using YamlDotNet.RepresentationModel;

namespace Streaming.Worker.Tests.Deploy;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked for consistency with the code:
/// services, the pinned KRaft broker, topics, environment keys that exist in the options, commands that exist,
/// ports that match, a non-root runtime stage on the ASP.NET Core runtime image.
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
    public void Compose_commands_are_commands_of_their_image_with_options_they_declare()
    {
        var worker = Sequence(Service("worker"), "command");
        var run = WorkerCommandLine.Parse(worker);
        Assert.Empty(run.Errors);
        Assert.Equal("run", run.CommandResult.Command.Name);

        // The simulator runs from the tools' image, built from its own Dockerfile: the worker's image has no simulator.
        var simulator = Sequence(Service("simulator"), "command");
        var simulate = ToolsCommandLine.Parse(simulator);
        Assert.Empty(simulate.Errors);
        Assert.Equal("simulate", simulate.CommandResult.Command.Name);
        Assert.NotEqual(Text(Service("worker"), "image"), Text(Service("simulator"), "image"));
        var build = (YamlMappingNode)Service("simulator").Children["build"];
        var toolsDockerfile = RepositoryFiles.Read(((YamlScalarNode)build.Children["dockerfile"]).Value!);
        Assert.Contains("dotnet publish src/Tools/Streaming.Tools.csproj", toolsDockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Streaming.Tools.dll\"]", toolsDockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("src/Tools", Dockerfile, StringComparison.Ordinal);
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
    public void The_dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_as_a_non_root_user()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0], StringComparison.Ordinal);
        // The ASP.NET Core runtime image: the plain runtime one lacks the framework the health and metrics endpoints
        // (Kestrel) need, and the worker would not start on it.
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);

        var publish = PublishLine().Match(Dockerfile);
        Assert.True(publish.Success, "no dotnet publish of a project");
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, publish.Groups["project"].Value)), publish.Groups["project"].Value);
        var project = RepositoryFiles.Read(publish.Groups["project"].Value);
        Assert.Contains("<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />", project, StringComparison.Ordinal);
        var assembly = AssemblyName().Match(project).Groups["name"].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", Dockerfile, StringComparison.Ordinal);

        var runtimeStage = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        var user = UserLine().Match(runtimeStage);
        Assert.True(user.Success, "the runtime stage sets no USER");
        Assert.DoesNotContain(user.Groups["user"].Value, new[] { "root", "0" });
        Assert.Equal(".", Text(Service("worker"), "build"));
    }

    [Fact]
    public void The_worker_has_a_readiness_healthcheck_through_its_own_health_command_and_the_simulator_waits_for_it()
    {
        var worker = Service("worker");
        var check = (YamlMappingNode)worker.Children["healthcheck"];
        var test = Sequence(check, "test");
        Assert.Equal("CMD", test[0]);
        AssertRunsTheHealthCommand(test[1..], "compose healthcheck");
        foreach (var key in new[] { "interval", "timeout", "retries", "start_period" })
        {
            Assert.True(check.Children.ContainsKey(key), $"the worker's healthcheck sets no {key}");
        }

        // The health command probes the prefix the worker listens on; a prefix on every interface is asked on loopback.
        Assert.True(TelemetryOptions.IsListenerPrefix(Environment(worker)["Telemetry__HealthUrl"]));
        var simulatorWaits = (YamlMappingNode)((YamlMappingNode)Service("simulator").Children["depends_on"]).Children["worker"];
        Assert.Equal("service_healthy", Text(simulatorWaits, "condition"));
    }

    [Fact]
    public void The_stop_grace_period_outlasts_the_workers_drain()
    {
        var worker = Service("worker");
        var grace = Duration(Text(worker, "stop_grace_period"));
        var drain = Environment(worker).TryGetValue("Pipeline__ShutdownTimeoutSeconds", out var seconds)
            ? int.Parse(seconds, CultureInfo.InvariantCulture)
            : new PipelineOptions().ShutdownTimeoutSeconds;
        // The host's own limit is the drain + 5 s (DetectorServiceCollectionExtensions); Docker's SIGKILL must come later.
        Assert.True(grace > TimeSpan.FromSeconds(drain + 5), $"stop_grace_period {grace} is not longer than the drain {drain} s + 5 s");
    }

    [Fact]
    public void The_image_has_a_healthcheck_that_needs_no_curl()
    {
        var runtimeStage = Dockerfile[Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];
        var check = HealthcheckLine().Match(runtimeStage);
        Assert.True(check.Success, "the runtime stage has no HEALTHCHECK ... CMD [...]");
        var command = check.Groups["command"].Value.Split(',').Select(a => a.Trim().Trim('"')).ToList();
        AssertRunsTheHealthCommand(command, "Dockerfile HEALTHCHECK");
        Assert.DoesNotContain("curl", check.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("wget", check.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_restores_from_the_project_files_alone_before_the_code_is_copied()
    {
        var buildStage = Dockerfile[..Dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)];
        var restore = buildStage.IndexOf("RUN dotnet restore ", StringComparison.Ordinal);
        Assert.True(restore > 0, "no 'RUN dotnet restore' layer in the build stage");
        var copySource = buildStage.IndexOf("COPY src/ src/", StringComparison.Ordinal);
        Assert.True(copySource > restore, "the source is copied before the restore: every code change would restore again");
        Assert.Matches(@"dotnet publish \S+ [^\n]*--no-restore", buildStage);

        // Before the restore only project, package and build files are copied, and every project the worker needs.
        var beforeRestore = buildStage[..restore];
        foreach (Match copy in CopyLine().Matches(beforeRestore))
        {
            foreach (var source in copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(source is "build/" or "global.json" || source.EndsWith(".csproj", StringComparison.Ordinal)
                    || source.EndsWith(".props", StringComparison.Ordinal) || source.EndsWith(".targets", StringComparison.Ordinal),
                    $"COPY {source} before the restore: a change to it would download the packages again");
            }
        }

        var project = PublishLine().Match(Dockerfile).Groups["project"].Value;
        foreach (var needed in ProjectClosure(project))
        {
            Assert.Contains($"COPY {needed} {Path.GetDirectoryName(needed)!.Replace('\\', '/')}/", beforeRestore, StringComparison.Ordinal);
        }
    }

    private static void AssertRunsTheHealthCommand(List<string> command, string where)
    {
        var assembly = AssemblyName().Match(RepositoryFiles.Read(PublishLine().Match(Dockerfile).Groups["project"].Value)).Groups["name"].Value;
        Assert.True(command.Count >= 3 && command[0] == "dotnet" && command[1] == $"{assembly}.dll", $"{where}: {string.Join(' ', command)}");
        Assert.Equal("health", WorkerCommandLine.Parse([.. command.Skip(2)]).CommandResult.Command.Name);
    }

    // The project and every project it references, transitively, as paths from the repository root.
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            foreach (Match reference in ProjectReference().Matches(RepositoryFiles.Read(next)))
            {
                var path = Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(next)!, reference.Groups["path"].Value)));
                queue.Enqueue(path.Replace('\\', '/'));
            }
        }

        return seen;
    }

    private static TimeSpan Duration(string compose)
    {
        var match = ComposeDuration().Match(compose);
        Assert.True(match.Success, $"'{compose}' is not a duration such as 30s or 1m30s");
        var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromSeconds((60 * minutes) + seconds);
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

    [GeneratedRegex(@"^HEALTHCHECK [^\n]*CMD \[(?<command>[^\]]+)\]", RegexOptions.Multiline)]
    private static partial Regex HealthcheckLine();

    [GeneratedRegex(@"^COPY (?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"<ProjectReference Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"^(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$")]
    private static partial Regex ComposeDuration();
}
