using System.Globalization;
using System.Text.RegularExpressions;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text-format scrape.</summary>
public static partial class PrometheusText
{
    /// <summary>
    /// Sum of the samples named <paramref name="name"/> whose labels include every <paramref name="labels"/> pair
    /// (written <c>key="value"</c>); null when there is no such sample.
    /// </summary>
    public static double? Sum(string scrape, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        double? sum = null;
        foreach (Match m in Sample().Matches(scrape))
        {
            if (m.Groups["name"].Value != name || !labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                continue;
            }

            sum = (sum ?? 0) + double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>Scrapes <paramref name="metricsUrl"/><c>metrics</c> every 500 ms until <paramref name="done"/> holds; throws with the last scrape on timeout.</summary>
    public static async Task<string> WaitForAsync(HttpClient http, string metricsUrl, Func<string, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(done);
        var until = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < until)
        {
            last = await http.GetStringAsync(new Uri(metricsUrl + "metrics"));
            if (done(last))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The metrics did not reach the expected values in time. Last scrape:\n" + last);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
