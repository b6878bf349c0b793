using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Streaming.Tools.Terminal;

namespace Streaming.Tools.Demo;

/// <summary>
/// The demo's live picture on a terminal (Spectre.Console): the series table and the latest flags under it, redrawn
/// in place twice a second and cut to the terminal's width and height, so that nothing wraps or scrolls away.
/// </summary>
public sealed class DemoScreen(SeriesTable table, Func<IReadOnlyList<FlaggedPoint>> recentFlags, Func<FlaggedPoint, string> describe)
{
    // Lines besides the series rows: the table's borders and header (4), a blank line, the flags' title, and one
    // line kept free for the cursor.
    private const int FixedLines = 7;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Redraws on <paramref name="console"/> until <paramref name="cancellationToken"/> fires; leaves the last picture.</summary>
    public Task RunAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.Live(Build(console.Profile.Width, console.Profile.Height))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    context.UpdateTarget(Build(console.Profile.Width, console.Profile.Height));
                    await Task.Delay(RedrawEvery, CancellationToken.None).ConfigureAwait(false);
                }

                context.UpdateTarget(Build(console.Profile.Width, console.Profile.Height));
            });
    }

    /// <summary>The picture for a terminal of <paramref name="width"/> × <paramref name="height"/> characters.</summary>
    public IRenderable Build(int width, int height)
    {
        var flags = recentFlags();
        var rows = Math.Max(1, height - FixedLines - flags.Count);
        var lines = new List<IRenderable>
        {
            table.ToTable(rows),
            new Text(""),
            new Text(flags.Count == 0 ? "No anomalies flagged yet." : "Latest anomalies:", new Style(decoration: Decoration.Bold)),
        };
        lines.AddRange(flags.Select(f => new Text(TerminalOutput.Fit(Line(f), width - 1))));
        return new Rows(lines);
    }

    private string Line(FlaggedPoint flag) => string.Create(CultureInfo.InvariantCulture,
        $"{flag.Timestamp:HH:mm:ss} {flag.Series} value {flag.Value:F3} predicted {flag.Predicted:F3} score {flag.Score:F2} {flag.Severity} {describe(flag)}");
}
