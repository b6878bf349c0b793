using Streaming.Tools.Demo;

namespace Streaming.Tools.Tests.Demo;

public class SeriesTableTests
{
    [Fact]
    public void Each_series_shows_its_last_point_and_its_anomalies_so_far()
    {
        var table = new SeriesTable();
        table.Observe("b-series", 1.0, null, 0, false);
        table.Observe("a-series", 10.0, 9.5, 0.5, false);
        table.Observe("a-series", 40.0, 10.25, 1.0, true);
        table.Observe("a-series", 11.0, 10.75, 0.25, false);

        var lines = table.Render();
        Assert.Equal(3, lines.Count);
        Assert.Contains("anomalies", lines[0], StringComparison.Ordinal);
        var a = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["a-series", "3", "11.000", "10.750", "0.2500", "1"], a);
        var b = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["b-series", "1", "1.000", "-", "0.0000", "0"], b);
        Assert.Equal(2, table.Count);
    }
}
