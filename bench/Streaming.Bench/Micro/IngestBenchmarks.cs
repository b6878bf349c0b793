using System.Text;
using BenchmarkDotNet.Attributes;
using Streaming.Ingest.Decoding;
using Streaming.Model.Scaling;
using Streaming.Model.Series;

namespace Streaming.Bench.Micro;

/// <summary>Per-point costs on the consume side: decoding one message, and appending to a scaled window.</summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("pump-7");
    private static readonly byte[] IsoValue = Encoding.UTF8.GetBytes("{\"series\":\"pump-7\",\"timestamp\":\"2026-11-28T12:00:00Z\",\"value\":41.3}");
    private static readonly byte[] EpochValue = Encoding.UTF8.GetBytes("{\"series\":\"pump-7\",\"timestamp\":1795867200000,\"value\":41.3}");
    private readonly PointDecoder _decoder = new();
    private readonly SeriesWindow _window = new(10, new MinMaxScaler());
    private readonly float[] _scaled = new float[10];
    private double _t;

    /// <summary>Fills the window once, so every measured call appends to a full window as in steady state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < 10; i++)
        {
            _window.Append(i);
        }
    }

    /// <summary>Decodes a point with an ISO-8601 timestamp.</summary>
    [Benchmark]
    public DecodeResult DecodeIso() => _decoder.Decode(Key, IsoValue, false, null);

    /// <summary>Decodes a point with an epoch-milliseconds timestamp.</summary>
    [Benchmark]
    public DecodeResult DecodeEpoch() => _decoder.Decode(Key, EpochValue, false, null);

    /// <summary>Appends a value and writes the scaled window, as the engine does per point.</summary>
    [Benchmark]
    public float WindowAppendAndScale()
    {
        _t += 0.1;
        _window.Append(Math.Sin(_t));
        _window.WriteScaled(_scaled);
        return _scaled[9];
    }
}
