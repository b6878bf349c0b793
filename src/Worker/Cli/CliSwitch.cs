namespace Streaming.Worker.Cli;

/// <summary>What a switch's value must be.</summary>
public enum CliValue
{
    /// <summary>Any text (a path, an address, a name).</summary>
    Text,

    /// <summary>A whole number above zero.</summary>
    PositiveInt,

    /// <summary>A whole number, zero or more.</summary>
    Count,

    /// <summary>A finite number above zero.</summary>
    PositiveNumber,

    /// <summary>No value: present or absent.</summary>
    Flag,
}

/// <summary>
/// One <c>--name</c> switch a command accepts. When <paramref name="ConfigKey"/> is set the value is handed on to
/// configuration under that key instead (<c>--bootstrap</c> sets <c>Kafka:BootstrapServers</c>), so the switch
/// is only a shorter spelling of an option that configuration files can also set.
/// </summary>
public sealed record CliSwitch(string Name, CliValue Value, string Help, string? ConfigKey = null)
{
    /// <summary>The usage line of this switch, e.g. <c>--series &lt;n&gt;</c>.</summary>
    public string Synopsis => Value switch
    {
        CliValue.Flag => Name,
        CliValue.PositiveInt or CliValue.Count => $"{Name} <n>",
        CliValue.PositiveNumber => $"{Name} <x>",
        _ => $"{Name} <value>",
    };
}

/// <summary>A command of the program: its name, one line of help, its switches and what runs it.</summary>
public sealed record CliCommand(string Name, string Summary, IReadOnlyList<CliSwitch> Switches, Func<CommandLine, Task<int>> Run);
