using System.Collections;
using System.Reflection;

namespace Streaming.Worker.Tests.Configuration;

/// <summary>One configuration key of an options class, with its default as configuration would spell it.</summary>
public sealed record OptionKey(string Key, PropertyInfo Property, string? Default)
{
    /// <summary>True for a dictionary of pass-through settings (<c>Kafka:Settings:*</c>).</summary>
    public bool IsMap => typeof(IDictionary).IsAssignableFrom(Property.PropertyType);
}
