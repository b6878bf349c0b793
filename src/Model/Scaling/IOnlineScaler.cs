namespace Streaming.Model.Scaling;

/// <summary>
/// Online scaler of one series: learns from observed raw values and maps raw units ↔ scaled units.
/// Not thread-safe: a series is owned by one thread.
/// </summary>
public interface IOnlineScaler
{
    /// <summary>Number of values observed so far.</summary>
    long Count { get; }

    /// <summary>Raw units per 1.0 scaled unit; always &gt; 0. Divides a raw residual into a scale-free one.</summary>
    double Span { get; }

    /// <summary>Learns from one raw value.</summary>
    void Observe(double value);

    /// <summary>Maps a raw value to scaled units using the current state.</summary>
    float Scale(double value);

    /// <summary>Maps a scaled value back to raw units using the current state.</summary>
    double Unscale(float scaled);
}
