using Streaming.Tools.Csv;

namespace Streaming.Tools.Tests.Csv;

public class TimeSeriesCsvTests
{
    [Fact]
    public void Columns_are_found_by_name_and_bad_rows_are_kept_as_invalid()
    {
        const string text = "value,label,timestamp\n1.5,a,2026-01-01 00:00:00\nNaN,b,2026-01-01 00:05:00\n2,c,not-a-time\n\n3e2,d,2026-01-01T00:15:00+01:00\n";
        var rows = TimeSeriesCsv.Read(new StringReader(text), "test.csv");
        Assert.Equal(4, rows.Count);
        Assert.True(rows[0].IsValid);
        Assert.Equal(1.5, rows[0].Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), rows[0].Timestamp);
        Assert.False(rows[1].IsValid);
        Assert.False(rows[2].IsValid);
        Assert.Equal("not-a-time", rows[2].TimestampText);
        Assert.Equal(300, rows[3].Value);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 15, 0, TimeSpan.Zero), rows[3].Timestamp);
        Assert.Equal(TimeSpan.Zero, rows[3].Timestamp.Offset);
    }

    [Fact]
    public void A_header_without_the_columns_names_them()
    {
        var ex = Assert.Throws<InvalidDataException>(() => TimeSeriesCsv.Read(new StringReader("time,reading\n1,2\n"), "x.csv"));
        Assert.Contains("'timestamp' and 'value'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x.csv", ex.Message, StringComparison.Ordinal);
    }
}
