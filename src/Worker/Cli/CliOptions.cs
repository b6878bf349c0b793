using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Streaming.Worker.Cli;

/// <summary>
/// Options with the value rules the commands share, so that every command refuses a bad number the same way and
/// names the option in its message.
/// </summary>
public static class CliOptions
{
    /// <summary>A whole number above zero; <paramref name="fallback"/> when not given.</summary>
    public static Option<int> PositiveInt(string name, string description, int fallback) =>
        new(name) { Description = description, HelpName = "n", DefaultValueFactory = _ => fallback, CustomParser = r => Whole(r, n => n > 0, "a positive whole number") ?? fallback };

    /// <summary>A whole number above zero, or null when not given (the command picks the default).</summary>
    public static Option<int?> OptionalPositiveInt(string name, string description) =>
        new(name) { Description = description, HelpName = "n", CustomParser = r => Whole(r, n => n > 0, "a positive whole number") };

    /// <summary>A whole number, zero or more, or null when not given (the command picks the default).</summary>
    public static Option<int?> OptionalCount(string name, string description) =>
        new(name) { Description = description, HelpName = "n", CustomParser = r => Whole(r, n => n >= 0, "a whole number, 0 or more") };

    /// <summary>A finite number above zero; <paramref name="fallback"/> when not given.</summary>
    public static Option<double> PositiveNumber(string name, string description, double fallback) =>
        new(name) { Description = description, HelpName = "x", DefaultValueFactory = _ => fallback, CustomParser = r => Positive(r) ?? fallback };

    /// <summary>A finite number above zero, or null when not given (the command picks the default).</summary>
    public static Option<double?> OptionalPositiveNumber(string name, string description) =>
        new(name) { Description = description, HelpName = "x", CustomParser = Positive };

    /// <summary>A text value (a path, an address, a name); <paramref name="required"/> makes the parser ask for it.</summary>
    public static Option<string> Text(string name, string description, string helpName = "value", bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    /// <summary>A switch without a value: present or absent.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary><c>--duration</c>: every long-running command stops by itself after this many seconds.</summary>
    public static Option<int?> Duration() => OptionalPositiveInt("--duration", "stop by itself after this many seconds (exit code 0)");

    /// <summary><c>--bootstrap</c>: a shorter spelling of <c>Kafka:BootstrapServers</c>.</summary>
    public static ConfigurationOption Bootstrap() => new("--bootstrap", "Kafka:BootstrapServers", "Kafka bootstrap servers", "host:port");

    private static int? Whole(ArgumentResult result, Func<int, bool> rule, string what)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && rule(value))
        {
            return value;
        }

        result.AddError($"{Name(result)} must be {what}, got '{text}'.");
        return null;
    }

    private static double? Positive(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{Name(result)} must be a positive number, got '{text}'.");
        return null;
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
