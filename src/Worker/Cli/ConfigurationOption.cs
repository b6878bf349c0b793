using System.CommandLine;

namespace Streaming.Worker.Cli;

/// <summary>
/// An option that is only a shorter spelling of a configuration key (<c>--bootstrap</c> for
/// <c>Kafka:BootstrapServers</c>): its value is handed to configuration, where files and the environment can set it too.
/// </summary>
public sealed class ConfigurationOption : Option<string>
{
    /// <summary>Creates <paramref name="name"/> for the configuration key <paramref name="key"/>.</summary>
    public ConfigurationOption(string name, string key, string description, string helpName = "value")
        : base(name)
    {
        Key = key;
        Description = $"{description} (sets {key})";
        HelpName = helpName;
    }

    /// <summary>The configuration key the value goes to.</summary>
    public string Key { get; }
}
