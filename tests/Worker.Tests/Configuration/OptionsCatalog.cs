using System.Collections;
using System.Globalization;
using System.Reflection;
using Streaming.Ingest.Options;
using Streaming.Model.Options;
using Streaming.Worker.Hosting;

namespace Streaming.Worker.Tests.Configuration;

/// <summary>Every options class of the worker (a class with a <c>Section</c> constant) and its keys, by reflection.</summary>
public static class OptionsCatalog
{
    /// <summary>The options classes of Ingest, Model and Worker.</summary>
    public static IReadOnlyList<Type> Classes { get; } =
    [
        .. new[] { typeof(IngestOptions).Assembly, typeof(ModelOptions).Assembly, typeof(DetectorHost).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>Every bindable key (<c>Section:Property</c>) with its default value.</summary>
    public static IReadOnlyList<OptionKey> Keys { get; } = [.. Classes.SelectMany(KeysOf)];

    /// <summary>The key a configuration path (<c>Kafka:Settings:x</c> or <c>Kafka__GroupId</c>) binds to, or null when none does.</summary>
    public static OptionKey? Find(string path)
    {
        var parts = path.Replace("__", ":", StringComparison.Ordinal).Split(':');
        if (parts.Length < 2)
        {
            return null;
        }

        var key = Keys.FirstOrDefault(k => k.Key.Equals($"{parts[0]}:{parts[1]}", StringComparison.OrdinalIgnoreCase));
        return key is null || (parts.Length > 2 && !key.IsMap) || (parts.Length == 2 && key.IsMap) ? null : key;
    }

    private static IEnumerable<OptionKey> KeysOf(Type type)
    {
        var section = (string)type.GetField("Section")!.GetRawConstantValue()!;
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null))
        {
            yield return new OptionKey($"{section}:{property.Name}", property, Spell(property.GetValue(instance)));
        }
    }

    private static string? Spell(object? value) => value switch
    {
        null => null,
        IDictionary => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
