using Spectre.Console;
using Streaming.Tools.Demo;

namespace Streaming.Tools.Tests.Demo;

public class DemoScreenTests
{
    private static string[] Draw(DemoScreen screen, int width, int height)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Profile.Capabilities.Unicode = true;
        console.Write(screen.Build(width, height));
        return writer.ToString().TrimEnd().Split(Environment.NewLine);
    }

    private static SeriesTable Table(int series)
    {
        var table = new SeriesTable();
        for (var i = 0; i < series; i++)
        {
            table.Observe($"sensor-{i:D2}-sine-with-noise", 1234.5678 * i, 1230.25 * i, 0.123456, i % 2 == 0);
        }

        return table;
    }

    private static FlaggedPoint[] Flags(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FlaggedPoint($"sensor-{i:D2}-sine-with-noise", new DateTimeOffset(2026, 12, 4, 5, i, 0, TimeSpan.Zero), 98765.4321, 12.3456, 0.987654, "high"))];

    [Theory]
    [InlineData(80, 24, 6)]
    [InlineData(120, 30, 6)]
    [InlineData(80, 24, 40)]
    public void The_picture_fits_the_terminal_without_wrapping(int width, int height, int series)
    {
        var flags = Flags(DemoCommand.RecentFlags);
        var screen = new DemoScreen(Table(series), () => flags, _ => "<- injected level-shift at point 1300 (+2) and a description long enough to wrap");

        var lines = Draw(screen, width, height);

        Assert.True(lines.Length < height, $"{lines.Length} lines on a terminal of {height}:\n{string.Join('\n', lines)}");
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        Assert.Contains(lines, l => l.Contains("sensor-01-sine-with-noise", StringComparison.Ordinal) && l.Contains("1230.250", StringComparison.Ordinal));
        Assert.Equal(DemoCommand.RecentFlags, lines.Count(l => l.StartsWith("05:0", StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.StartsWith("05:0", StringComparison.Ordinal)), l => Assert.True(l.Length == width - 1 && l.EndsWith('…'), l));
    }

    [Fact]
    public void Series_beyond_the_terminal_s_height_are_counted_in_a_last_row()
    {
        var screen = new DemoScreen(Table(40), () => [], _ => "");

        var lines = Draw(screen, 120, 30);

        Assert.Contains(lines, l => l.Contains("more", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("sensor-39", StringComparison.Ordinal));
        Assert.Contains("No anomalies flagged yet.", lines);
    }
}
