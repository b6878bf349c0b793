using System.CommandLine;
using System.CommandLine.Parsing;

namespace Streaming.Worker.Cli;

/// <summary>
/// Any configuration key on the command line, <c>--Section:Key=value</c> or <c>--Section:Key value</c>, as the
/// .NET command-line configuration provider reads it. Every command takes them after its own options; a token that is
/// neither one of the command's options nor such a key is refused, so a typo is heard rather than ignored.
/// </summary>
public static class ConfigurationArguments
{
    private const string Name = "settings";

    /// <summary>The argument that collects the keys of one command.</summary>
    public static Argument<string[]> Create()
    {
        var argument = new Argument<string[]>(Name)
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "any configuration key, written --Section:Key=value (e.g. --Model:HiddenSize=32; all keys in docs/configuration.md)",
        };
        argument.Validators.Add(Check);
        return argument;
    }

    /// <summary>
    /// The arguments for the configuration's command-line provider: the keys given as such, after the values of the
    /// command's <see cref="ConfigurationOption"/>s, so that an explicit key wins over its short spelling.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationArgs(this ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var args = new List<string>();
        foreach (var option in parse.CommandResult.Children.OfType<OptionResult>())
        {
            if (option is { Implicit: false, Option: ConfigurationOption { } keyed })
            {
                args.Add($"--{keyed.Key}={option.GetValueOrDefault<string>()}");
            }
        }

        if (parse.CommandResult.Command.Arguments.FirstOrDefault(a => a.Name == Name) is Argument<string[]> settings)
        {
            args.AddRange(parse.GetValue(settings) ?? []);
        }

        return args;
    }

    /// <summary>True when <paramref name="option"/> was given on the command line (not only its default).</summary>
    public static bool Given(this ParseResult parse, Option option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(option) is { Implicit: false };
    }

    private static void Check(ArgumentResult result)
    {
        var tokens = result.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i].Value;
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal))
            {
                // "--Section:Key value": the next token is its value unless it is an option itself.
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < tokens.Count && !tokens[i + 1].Value.StartsWith('-'))
                {
                    i++;
                }

                continue;
            }

            var command = result.Parent is CommandResult parent ? parent.Command : null;
            var options = command is null ? "" : string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name));
            result.AddError(token.StartsWith('-')
                ? $"Unknown option '{token}' for '{command?.Name}'. Its options: {options}; a configuration key is written --Section:Key=value."
                : $"Unexpected argument '{token}' for '{command?.Name}'. Configuration keys are written --Section:Key=value.");
            return;
        }
    }
}
