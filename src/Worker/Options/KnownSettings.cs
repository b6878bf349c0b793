using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Options;
using Streaming.Model.Options;
using Streaming.Model.Scoring;

namespace Streaming.Worker.Options;

/// <summary>
/// Refuses configuration keys that no options class has. The binder skips a key it cannot place, so a misspelt
/// <c>--Kafka:BootstrapServrs</c> or <c>KAFKA__BOOTSTRAPSERVRS</c> would leave the default in force without a word;
/// here each unknown key is named with where it came from and the nearest valid key.
/// </summary>
public static class KnownSettings
{
    /// <summary>A section of configuration the worker reads but does not own (its keys are logging categories).</summary>
    public const string LoggingSection = "Logging";

    /// <summary>The sections the worker owns, each with the options class it binds to.</summary>
    public static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [KafkaOptions.Section] = typeof(KafkaOptions),
        [IngestOptions.Section] = typeof(IngestOptions),
        [ModelOptions.Section] = typeof(ModelOptions),
        [ScoringOptions.Section] = typeof(ScoringOptions),
        [OutputOptions.Section] = typeof(OutputOptions),
        [PipelineOptions.Section] = typeof(PipelineOptions),
        [StateOptions.Section] = typeof(StateOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
    };

    /// <summary>
    /// One message per unknown key: every key under a section the worker owns must be a property of its options class
    /// (any key under a dictionary such as <c>Kafka:Settings</c>); a section from the command line or a settings file
    /// must be one the worker owns (environment variables and secret files hold other programs' keys too).
    /// </summary>
    public static IReadOnlyList<string> Unknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        var root = configuration as IConfigurationRoot;
        if (root is not null)
        {
            var sections = root.Providers
                .Where(p => p is CommandLineConfigurationProvider or FileConfigurationProvider)
                .SelectMany(p => p.GetChildKeys([], null))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in sections.Where(n => !Sections.ContainsKey(n) && !n.Equals(LoggingSection, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add(Message(root, configuration.GetSection(name), Nearest(name, [.. Sections.Keys, LoggingSection])));
            }
        }

        foreach (var (name, type) in Sections)
        {
            CheckSection(root, configuration.GetSection(name), type, name, failures);
        }

        return failures;
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> naming every unknown key, if there is any.</summary>
    public static void ThrowIfUnknown(IConfiguration configuration)
    {
        var failures = Unknown(configuration);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("configuration", typeof(KnownSettings), failures);
        }
    }

    /// <summary>The candidate closest to <paramref name="name"/> by edit distance, ignoring case.</summary>
    public static string Nearest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        return candidates.MinBy(c => Distance(name.ToUpperInvariant(), c.ToUpperInvariant())) ?? "";
    }

    /// <summary>Levenshtein distance: single-character insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static void CheckSection(IConfigurationRoot? root, IConfigurationSection section, Type type, string path, List<string> failures)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                failures.Add(Message(root, child, $"{path}:{Nearest(child.Key, properties.Select(p => p.Name))}"));
            }
            else if (typeof(IDictionary).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }
            else if (IsScalar(property.PropertyType))
            {
                foreach (var grandchild in child.GetChildren())
                {
                    failures.Add(Message(root, grandchild, $"{path}:{property.Name}"));
                }
            }
            else
            {
                CheckSection(root, child, property.PropertyType, $"{path}:{property.Name}", failures);
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan);
    }

    private static string Message(IConfigurationRoot? root, IConfigurationSection unknown, string nearest)
    {
        var source = root is null ? null : SourceOf(root, unknown);
        var spelling = nearest.Contains(':', StringComparison.Ordinal) ? $"{nearest} ({OptionMessages.EnvironmentName(nearest)} in the environment)" : nearest;
        return $"{unknown.Path}{(source is null ? "" : $" (from {source})")} is not a setting of the worker: did you mean {spelling}? "
            + "Rename or remove it: an unknown key is refused because a misspelt one would leave the default in force.";
    }

    // The provider that gave the key (the last one wins, as in binding), in the spelling the user typed.
    private static string? SourceOf(IConfigurationRoot root, IConfigurationSection unknown)
    {
        var leaf = unknown.Value is not null ? unknown.Path : unknown.AsEnumerable().FirstOrDefault(kv => kv.Value is not null).Key;
        if (leaf is null)
        {
            return null;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(leaf, out _))
            {
                continue;
            }

            var typed = Spelling(provider, leaf);
            return provider switch
            {
                CommandLineConfigurationProvider => $"the command line: --{typed}",
                EnvironmentVariablesConfigurationProvider => $"the environment variable {typed.Replace(":", "__", StringComparison.Ordinal)}",
                FileConfigurationProvider file => $"{Path.GetFileName(file.Source.Path)}: {typed}",
                _ => provider.ToString(),
            };
        }

        return null;
    }

    private static string Spelling(IConfigurationProvider provider, string path)
    {
        string? parent = null;
        foreach (var segment in path.Split(':'))
        {
            var typed = provider.GetChildKeys([], parent).FirstOrDefault(k => k.Equals(segment, StringComparison.OrdinalIgnoreCase)) ?? segment;
            parent = parent is null ? typed : $"{parent}:{typed}";
        }

        return parent ?? path;
    }
}
