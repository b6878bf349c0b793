namespace Streaming.Model.Options;

/// <summary>
/// The one wording of a start-up validation failure in this assembly: the key, the rule it breaks, and where to
/// set it (appsettings or the environment-variable form of the key).
/// </summary>
internal static class OptionFailure
{
    /// <summary>"Section:Property = value is invalid: rule. Set … (default …) in config/appsettings.json, or SECTION__PROPERTY in the environment."</summary>
    public static string Invalid(string section, string property, object value, string rule, object defaultValue)
    {
        string key = $"{section}:{property}";
        string env = $"{section}__{property}".ToUpperInvariant();
        return FormattableString.Invariant(
            $"{key} = {value} is invalid: {rule}. Set {key} (default {defaultValue}) in config/appsettings.json, or {env} in the environment.");
    }
}
