using System.Globalization;

namespace Streaming.Worker.Cli;

/// <summary>
/// The parsed command line: the command (<c>demo</c> when none is given), the values of the switches that command
/// declares, and everything else passed on to configuration (<c>--Model:HiddenSize=32</c>, <c>--Kafka:GroupId group-b</c>).
/// </summary>
public sealed class CommandLine
{
    private readonly IReadOnlyDictionary<string, string> _values;

    private CommandLine(CliCommand command, IReadOnlyList<string> configArgs, IReadOnlyDictionary<string, string> values)
    {
        Spec = command;
        ConfigArgs = configArgs;
        _values = values;
    }

    /// <summary>The chosen command.</summary>
    public CliCommand Spec { get; }

    /// <summary>The chosen command's name.</summary>
    public string Command => Spec.Name;

    /// <summary>Arguments for the configuration's command-line provider.</summary>
    public IReadOnlyList<string> ConfigArgs { get; }

    /// <summary><c>--duration</c> in seconds, when given (every long-running command accepts it).</summary>
    public int? DurationSeconds => Has("--duration") ? Int("--duration", 0) : null;

    /// <summary>The usage text of the program's commands.</summary>
    public static string Usage => CliUsage.Describe("Streaming.Worker", Commands.All);

    /// <summary>Parses <paramref name="args"/> against the program's commands.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args) => Parse(args, Commands.All);

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="commands"/> (the first is the default); throws
    /// <see cref="FormatException"/> naming the bad command, switch or value.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<CliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commands);
        var command = commands[0];
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            command = commands.FirstOrDefault(c => c.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"Unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Select(c => c.Name))}.");
            start = 1;
        }

        var config = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                command = commands.FirstOrDefault(c => c.Name == "help") ?? command;
                continue;
            }

            var known = command.Switches.FirstOrDefault(s => s.Name == arg);
            if (known is null)
            {
                // Configuration keys carry a section ("--Model:HiddenSize=32"); anything else that looks like a
                // switch is a typo the user should hear about rather than a silently ignored key.
                if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains(':', StringComparison.Ordinal))
                {
                    throw new FormatException($"Unknown option '{arg}' for '{command.Name}'. Its options: {Names(command)}.");
                }

                config.Add(arg);
                continue;
            }

            var value = known.Value == CliValue.Flag ? "true" : Checked(known, ValueAfter(args, ref i));
            if (known.ConfigKey is { } key)
            {
                config.Add($"--{key}={value}");
            }
            else
            {
                values[known.Name] = value;
            }
        }

        return new CommandLine(command, config, values);
    }

    /// <summary>True when the switch was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The switch's text, or <paramref name="fallback"/> when it was not given.</summary>
    public string? Text(string name, string? fallback = null) => _values.GetValueOrDefault(name, fallback!);

    /// <summary>The switch's whole number, or <paramref name="fallback"/> when it was not given.</summary>
    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The switch's number, or <paramref name="fallback"/> when it was not given.</summary>
    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string Names(CliCommand command) =>
        command.Switches.Count == 0 ? "none" : string.Join(", ", command.Switches.Select(s => s.Name));

    private static string ValueAfter(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static string Checked(CliSwitch known, string text) => known.Value switch
    {
        CliValue.PositiveInt when !(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0) =>
            throw new FormatException($"{known.Name} must be a positive whole number, got '{text}'."),
        CliValue.Count when !(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) =>
            throw new FormatException($"{known.Name} must be a whole number, 0 or more, got '{text}'."),
        CliValue.PositiveNumber when !(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && double.IsFinite(x)) =>
            throw new FormatException($"{known.Name} must be a positive number, got '{text}'."),
        _ => text,
    };
}
