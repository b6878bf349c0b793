using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Worker.Kafka;
using Streaming.Worker.Options;

namespace Streaming.Worker.Hosting;

/// <summary>
/// Builds the worker's host: configuration from <c>config/appsettings.json</c> (next to the executable), then
/// <c>config/appsettings.{Environment}.json</c>, secret files, environment variables and the command line, in rising
/// priority. Tests add their own settings on top through the overrides.
/// </summary>
public static class DetectorHost
{
    /// <summary>
    /// A builder with the whole detector registered; call <c>Build()</c> and run it. <paramref name="secretsDirectory"/>
    /// replaces <see cref="SecretsDirectory"/> (tests use their own folder).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] configArgs, IEnumerable<KeyValuePair<string, string?>>? overrides = null, string? secretsDirectory = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environment,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", $"appsettings.{environment}.json"), optional: true)
            // Secrets as files (Docker and Kubernetes secrets): the file name is the key, "__" for ":", e.g.
            // /run/secrets/Kafka__Settings__sasl.password. Environment variables and the command line still win.
            .AddKeyPerFile(secretsDirectory ?? SecretsDirectory(), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(configArgs);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        builder.Services
            .AddIngest(builder.Configuration)
            .AddModel(builder.Configuration)
            .AddTelemetry(builder.Configuration)
            .AddDetector(builder.Configuration);
        return builder;
    }

    /// <summary>Where secrets are read from as files: <c>DETECTOR_SECRETS_DIR</c>, else <c>/run/secrets</c>.</summary>
    public static string SecretsDirectory() =>
        Environment.GetEnvironmentVariable("DETECTOR_SECRETS_DIR") is { Length: > 0 } dir ? Path.GetFullPath(dir) : "/run/secrets";

    /// <summary>
    /// Checks every option registered with <c>ValidateOnStart</c> now, before any hosted service is built, and refuses
    /// keys no options class has (<see cref="KnownSettings"/>), so that a bad or misspelt setting stops start-up with
    /// its own message (an <see cref="OptionsValidationException"/>) rather than a failure deep inside service
    /// construction, or a default silently in force.
    /// </summary>
    public static IHost ValidateOptions(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        // Every failure at once, unknown keys first (they often explain the rest), so one start shows all there is to fix.
        var failures = new List<string>(KnownSettings.Unknown(host.Services.GetRequiredService<IConfiguration>()));
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            failures.AddRange(ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException ex) when (ex.InnerException is ArgumentException or FormatException or OverflowException)
        {
            // The binder's own refusal of a value it cannot convert ("abc" for a number): a configuration error too.
            failures.Add($"{ex.Message} Give it a value of that type in config/appsettings.json, the environment or the command line.");
        }

        return failures.Count == 0 ? host : throw new OptionsValidationException("configuration", typeof(object), failures);
    }

    /// <summary>
    /// Stops a command that runs the worker when no broker is named: <c>Kafka:BootstrapServers</c> has no default,
    /// so that a deployment that forgot it fails at start instead of running on a broker nobody else can reach.
    /// </summary>
    public static IHost RequireBroker(this IHost host, string command)
    {
        ArgumentNullException.ThrowIfNull(host);
        var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        if (!kafka.HasBroker)
        {
            throw new OptionsValidationException(KafkaOptions.Section, typeof(KafkaOptions), [KafkaOptions.MissingBrokerMessage(command)]);
        }

        return kafka.UsesEmbeddedBroker && host.Services.GetService<IEmbeddedBroker>() is null
            ? throw new OptionsValidationException(KafkaOptions.Section, typeof(KafkaOptions), [KafkaOptions.NoEmbeddedBrokerMessage])
            : host;
    }
}
