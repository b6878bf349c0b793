using Streaming.Model.Forecasting;

namespace Streaming.Model.Tests.Forecasting;

public sealed class StreamingGruSeriesTests
{
    private const int H = 2;
    private const int W = 3;

    [Fact]
    public void A_chunk_becomes_a_sample_when_its_last_target_arrives_and_the_next_starts_from_the_state_then()
    {
        var series = new StreamingGruSeries(H, W);
        var sample = new float[H + (2 * W)];
        Assert.True(float.IsNaN(series.Prediction));
        for (var t = 1; t <= W; t++)
        {
            Assert.False(series.Target(t, sample));
            series.Input(t);
            series.Hidden.Fill(t * 10);
            series.Stepped(t / 10f);
        }

        Assert.True(series.Target(4, sample));
        // Started from the zero state; inputs 1..3; targets 2..4 (the first point had no prediction to learn).
        Assert.Equal([0, 0, 1, 2, 3, 2, 3, 4], sample);
        Assert.Equal(0, series.ChunkInputs);

        for (var t = 4; t <= 6; t++)
        {
            series.Input(t);
            series.Hidden.Fill(t * 10);
            series.Stepped(0);
            Assert.Equal(t == 6, series.Target(t + 1, sample));
        }

        Assert.Equal([30, 30, 4, 5, 6, 5, 6, 7], sample);
    }

    [Fact]
    public void Read_puts_back_what_write_wrote_and_refuses_counts_that_cannot_be()
    {
        var series = new StreamingGruSeries(H, W);
        series.Target(0, new float[H + (2 * W)]);
        series.Input(0.5f);
        series.Hidden.Fill(0.25f);
        series.Stepped(0.75f);
        var saved = new float[series.StateSize];
        series.Write(saved);

        var back = new StreamingGruSeries(H, W);
        back.Read(saved, series.Steps, series.ChunkInputs, series.ChunkTargets);
        Assert.Equal(0.75f, back.Prediction);
        Assert.Equal([0.25f, 0.25f], back.Hidden.ToArray());
        Assert.Equal((1, 0), (back.ChunkInputs, back.ChunkTargets));

        Assert.Throws<ArgumentException>(() => back.Read(saved, 1, 3, 0));
        Assert.Throws<ArgumentException>(() => back.Read(saved, 0, 1, 0));
        Assert.Throws<ArgumentException>(() => back.Read(saved.AsSpan(1), 1, 1, 0));
    }
}
