using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Streaming.Worker.Tests.Configuration;

/// <summary>
/// The configuration reference (docs/configuration.md, and the README's main keys) and config/appsettings.json against the options classes (by reflection), so
/// that documentation, shipped defaults and code never drift apart.
/// </summary>
public partial class ConfigurationReferenceTests
{
    private static readonly Dictionary<string, string> Documented = ReadTable();

    [Fact]
    public void Every_option_is_in_the_reference_with_its_default()
    {
        var problems = new List<string>();
        foreach (var option in OptionsCatalog.Keys)
        {
            var key = option.IsMap ? option.Key + ":*" : option.Key;
            if (!Documented.TryGetValue(key, out var documented))
            {
                problems.Add($"{key} (default {option.Default ?? "none"}) is not in docs/configuration.md's table");
            }
            else if (!option.IsMap && !SameValue(documented, option.Default))
            {
                problems.Add($"{key}: docs/configuration.md says default {documented}, the code has {option.Default}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_row_of_the_reference_is_an_option()
    {
        var stale = Documented.Keys.Where(k => OptionsCatalog.Find(k.TrimEnd('*').TrimEnd(':') + (k.EndsWith('*') ? ":x" : "")) is null).ToList();
        Assert.True(stale.Count == 0, "docs/configuration.md rows with no option behind them: " + string.Join(", ", stale));
    }

    [Fact]
    public void Shipped_appsettings_hold_only_options_and_their_defaults()
    {
        using var doc = JsonDocument.Parse(RepositoryFiles.Read("config/appsettings.json"));
        var problems = new List<string>();
        foreach (var section in doc.RootElement.EnumerateObject().Where(s => s.Name != "Logging"))
        {
            foreach (var entry in section.Value.EnumerateObject())
            {
                var option = OptionsCatalog.Find($"{section.Name}:{entry.Name}" + (entry.Value.ValueKind == JsonValueKind.Object ? ":x" : ""));
                if (option is null)
                {
                    problems.Add($"{section.Name}:{entry.Name} is no option");
                }
                else if (!option.IsMap && !SameValue(entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText(), option.Default))
                {
                    problems.Add($"{option.Key} = {entry.Value.GetRawText()} in appsettings.json, default {option.Default} in code");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_catalog_sees_every_options_class() =>
        Assert.Subset(OptionsCatalog.Classes.Select(c => c.Name).ToHashSet(),
            new HashSet<string> { "IngestOptions", "KafkaOptions", "ModelOptions", "OutputOptions", "PipelineOptions", "ScoringOptions", "TelemetryOptions" });

    private static bool SameValue(string documented, string? actual)
    {
        if (documented == "(empty)")
        {
            return string.IsNullOrEmpty(actual);
        }

        if (double.TryParse(documented, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a.Equals(b);
        }

        return string.Equals(documented, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readmes_main_keys_agree_with_the_reference()
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no '## Configuration' section");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var rows = Rows(end < 0 ? readme[start..] : readme[start..end]);
        Assert.NotEmpty(rows);
        var wrong = rows.Where(r => !Documented.TryGetValue(r.Key, out var d) || d != r.Value).Select(r => $"{r.Key} = {r.Value}").ToList();
        Assert.True(wrong.Count == 0, "README configuration rows not in docs/configuration.md with that default: " + string.Join(", ", wrong));
    }

    private static Dictionary<string, string> ReadTable() => Rows(RepositoryFiles.Read("docs/configuration.md"));

    private static Dictionary<string, string> Rows(string text) =>
        Row().Matches(text).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["default"].Value.Trim().Trim('`'));

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z]+:[A-Za-z.*:]+)` \| (?<default>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
