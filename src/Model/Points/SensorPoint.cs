namespace Streaming.Model.Points;

/// <summary>
/// One time-series observation: <see cref="Value"/> in the series' raw units at <see cref="Timestamp"/> (UTC, offset zero).
/// </summary>
/// <param name="SeriesId">Non-empty series identifier; also the Kafka key, so one series stays on one partition.</param>
/// <param name="Timestamp">Observation time in UTC (offset zero).</param>
/// <param name="Value">Finite observed value in the series' raw units.</param>
public readonly record struct SensorPoint(string SeriesId, DateTimeOffset Timestamp, double Value);
