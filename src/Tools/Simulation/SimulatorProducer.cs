using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Streaming.Tools.Simulation;

/// <summary>
/// Feeds simulated series into the input topic at a steady rate, keyed by series id, in the input contract's
/// JSON. Simulated time advances one <see cref="Step"/> per point from <see cref="Start"/>, so a point's index is
/// recoverable from its timestamp.
/// </summary>
public sealed class SimulatorProducer(string bootstrapServers, string topic, IReadOnlyList<SimulatedSeries> series, double pointsPerSecondPerSeries)
{
    /// <summary>Simulated time between two points of a series.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    /// <summary>Timestamp of every series' point 0 (the start of the current hour, UTC).</summary>
    public DateTimeOffset Start { get; } = new(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero);

    /// <summary>Points delivered so far, all series.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    /// <summary>The index of a point from its timestamp.</summary>
    public long IndexOf(DateTimeOffset timestamp) => (long)Math.Round((timestamp - Start) / Step);

    /// <summary>Produces until <paramref name="pointsPerSeries"/> points per series are sent or the token fires.</summary>
    public async Task RunAsync(long pointsPerSeries, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5, Acks = Acks.All };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (sent < pointsPerSeries && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(pointsPerSeries, (long)(clock.Elapsed.TotalSeconds * pointsPerSecondPerSeries) + 1);
            for (; sent < due; sent++)
            {
                foreach (var s in series)
                {
                    var timestamp = Start + (Step * s.Index);
                    producer.Produce(topic, new Message<string, string> { Key = s.Id, Value = Json(s.Id, timestamp, s.Next()) }, OnDelivered);
                }
            }

            try
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>One input message in the contract's JSON.</summary>
    public static string Json(string seriesId, DateTimeOffset timestamp, double value)
    {
        var sb = new StringBuilder(96);
        sb.Append("{\"series\":\"").Append(seriesId).Append("\",\"timestamp\":\"")
            .Append(timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append("\",\"value\":").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('}');
        return sb.ToString();
    }

    private void OnDelivered(DeliveryReport<string, string> report)
    {
        if (!report.Error.IsError)
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
