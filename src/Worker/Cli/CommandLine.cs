using System.Globalization;

namespace Streaming.Worker.Cli;

/// <summary>
/// The parsed command line: a command (<c>demo</c> when none is given), the switches this program knows, and
/// everything else passed on to configuration (<c>--Model:HiddenSize=32</c>, <c>--Kafka:GroupId group-b</c>).
/// </summary>
public sealed record CommandLine(string Command, IReadOnlyList<string> ConfigArgs, int? DurationSeconds, int Series, double Rate, int Brokers)
{
    /// <summary>The commands, in the order the usage lists them.</summary>
    public static readonly IReadOnlyList<string> Commands = ["demo", "run", "broker", "help"];

    /// <summary>Usage text printed by <c>help</c> and on a bad command line.</summary>
    public const string Usage = """
        Usage: Streaming.Worker [command] [options] [--Section:Key=value ...]
          demo     (default) embedded broker + sensor simulator + worker; prints each flagged anomaly
          run      the worker alone, against Kafka:BootstrapServers (embedded when empty or 'embedded')
          broker   only the embedded broker; prints its bootstrap address and runs until stopped
          help     this text
        Options:
          --bootstrap <host:port>   Kafka bootstrap servers (sets Kafka:BootstrapServers)
          --duration <seconds>      stop by itself after this many seconds (exit code 0)
          --series <n>              demo: simulated series (default 6)
          --rate <points/s>         demo: points per second per series (default 50)
          --brokers <n>             broker: mock brokers (default 1)
        Any configuration key can be given as --Section:Key=value (see README, Configuration).
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> naming the bad switch.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = "demo";
        var start = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            command = args[0].ToLowerInvariant();
            start = 1;
            if (!Commands.Contains(command))
            {
                throw new FormatException($"Unknown command '{args[0]}'. Commands: {string.Join(", ", Commands)}.");
            }
        }

        var config = new List<string>();
        int? duration = null;
        var series = 6;
        var rate = 50.0;
        var brokers = 1;
        for (var i = start; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--bootstrap":
                    config.Add("--Kafka:BootstrapServers=" + Value(args, ref i));
                    break;
                case "--duration":
                    duration = PositiveInt(args, ref i);
                    break;
                case "--series":
                    series = PositiveInt(args, ref i);
                    break;
                case "--rate":
                    rate = PositiveDouble(args, ref i);
                    break;
                case "--brokers":
                    brokers = PositiveInt(args, ref i);
                    break;
                case "--help" or "-h":
                    command = "help";
                    break;
                default:
                    config.Add(args[i]);
                    break;
            }
        }

        return new CommandLine(command, config, duration, series, rate, brokers);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static int PositiveInt(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{name} must be a positive whole number, got '{text}'.");
    }

    private static double PositiveDouble(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n)
            ? n
            : throw new FormatException($"{name} must be a positive number, got '{text}'.");
    }
}
