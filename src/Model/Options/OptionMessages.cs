using System.Globalization;

namespace Streaming.Model.Options;

/// <summary>
/// One wording for every start-up validation message: the key, what is wrong, and how to set it
/// (appsettings or the environment variable form of the key).
/// </summary>
public static class OptionMessages
{
    /// <summary>The environment-variable spelling of a configuration key (<c>Ingest:Topic</c> → <c>INGEST__TOPIC</c>).</summary>
    public static string EnvironmentName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
    }

    /// <summary>A message for a key whose value is outside its allowed range.</summary>
    public static string Invalid(string key, object? value, string rule, object defaultValue) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{key} = {value ?? "(empty)"} is invalid: {rule}. Set {key} (default {defaultValue}) in config/appsettings.json, or {EnvironmentName(key)} in the environment.");

    /// <summary>A message for a required key that is missing or empty.</summary>
    public static string Required(string key, string example) =>
        $"{key} is empty: it is required. Set {key} (for example {example}) in config/appsettings.json, or {EnvironmentName(key)} in the environment.";

    /// <summary>Adds a failure when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void CheckRange(List<string> failures, string key, long value, long min, long max, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value < min || value > max)
        {
            failures.Add(Invalid(key, value, string.Create(CultureInfo.InvariantCulture, $"it must be between {min} and {max}"), defaultValue));
        }
    }
}
