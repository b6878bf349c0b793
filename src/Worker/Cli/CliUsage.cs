using System.Text;

namespace Streaming.Worker.Cli;

/// <summary>Writes the usage text from the commands' own declarations, so it cannot drift from what is parsed.</summary>
public static class CliUsage
{
    /// <summary>The usage text of <paramref name="program"/> for <paramref name="commands"/>.</summary>
    public static string Describe(string program, IReadOnlyList<CliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder();
        text.AppendLine($"Usage: {program} [command] [options] [--Section:Key=value ...]");
        text.AppendLine("Commands (the first is the default):");
        foreach (var command in commands)
        {
            text.AppendLine($"  {command.Name,-10}{command.Summary}");
            foreach (var option in command.Switches)
            {
                text.AppendLine($"      {option.Synopsis,-24}{option.Help}");
            }
        }

        text.Append("Any configuration key can be given as --Section:Key=value (see README, Configuration).");
        return text.ToString();
    }
}
