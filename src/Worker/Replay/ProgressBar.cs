using System.Globalization;

namespace Streaming.Worker.Replay;

/// <summary>A one-line text progress bar redrawn in place (carriage return), at most once per percent.</summary>
public sealed class ProgressBar(TextWriter output, int total, string label) : IProgress<int>
{
    private const int Width = 40;
    private int _lastPercent = -1;

    /// <inheritdoc />
    public void Report(int value)
    {
        var percent = total == 0 ? 100 : (int)(100L * value / total);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        var filled = percent * Width / 100;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {value}/{total}"));
        if (value >= total)
        {
            output.WriteLine();
        }

        output.Flush();
    }
}
