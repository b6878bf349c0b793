using Streaming.Model.Forecasting;

namespace Streaming.Model.Tests.Forecasting;

/// <summary>
/// The forecaster's one-layer GRU and head computed by hand in double precision from its current weights, as an
/// independent reference for the TorchSharp forward passes (windowed and streaming).
/// </summary>
internal static class GruReference
{
    /// <summary>The network's parameters by name, as plain arrays.</summary>
    public static Dictionary<string, float[]> Weights(GruForecaster forecaster) =>
        forecaster.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());

    // PyTorch's GRU: r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
    // h' = (1 − z) ⊙ n + z ⊙ h.
    public static double[] Step(Dictionary<string, float[]> w, double x, ReadOnlySpan<double> previous)
    {
        var size = previous.Length;
        var (wi, wh, bi, bh) = (w["gru.weight_ih_l0"], w["gru.weight_hh_l0"], w["gru.bias_ih_l0"], w["gru.bias_hh_l0"]);
        var next = new double[size];
        for (var j = 0; j < size; j++)
        {
            var (ir, hr) = Gate(0, j, previous);
            var (iz, hz) = Gate(1, j, previous);
            var (inn, hn) = Gate(2, j, previous);
            var r = Sigmoid(ir + hr);
            var z = Sigmoid(iz + hz);
            var n = Math.Tanh(inn + (r * hn));
            next[j] = ((1 - z) * n) + (z * previous[j]);
        }

        return next;

        (double Input, double Hidden) Gate(int g, int j, ReadOnlySpan<double> h)
        {
            var row = (g * size) + j;
            double hidden = bh[row];
            for (var k = 0; k < size; k++)
            {
                hidden += wh[(row * size) + k] * h[k];
            }

            return ((wi[row] * x) + bi[row], hidden);
        }
    }

    /// <summary>The head Linear(H→1) on a hidden state.</summary>
    public static double Head(Dictionary<string, float[]> w, ReadOnlySpan<double> h)
    {
        double prediction = w["head.bias"][0];
        for (var j = 0; j < h.Length; j++)
        {
            prediction += w["head.weight"][j] * h[j];
        }

        return prediction;
    }

    /// <summary>The windowed forecast: the GRU over the window (oldest first) from a zero state, the head on the last state.</summary>
    public static double Window(Dictionary<string, float[]> w, ReadOnlySpan<float> window)
    {
        var h = new double[w["head.weight"].Length];
        foreach (var x in window)
        {
            h = Step(w, x, h);
        }

        return Head(w, h);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
