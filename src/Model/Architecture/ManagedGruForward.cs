using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Streaming.Model.Architecture;

/// <summary>
/// The forward pass of a one-layer, one-direction GRU with last-state pooling, no normalisation and a Linear head,
/// computed in C# over a copy of the network's weights: the prediction path then never crosses into libtorch, whose
/// per-call overhead dominates a GRU this small. Learning stays in TorchSharp; the owner copies the weights in again
/// (<see cref="Load"/>) after they change. Not thread-safe.
/// </summary>
/// <remarks>
/// Windows go through in groups of <see cref="Lanes"/>, one window per vector lane, so each weight is broadcast once
/// per group and the hidden state is a [H, Lanes] block that stays in L1. PyTorch's gate order and formulas: r, z, n;
/// n = tanh(W_in x + b_in + r (W_hn h + b_hn)); h' = (1 − z) n + z h.
/// </remarks>
internal sealed class ManagedGruForward
{
    /// <summary>Windows per vector group.</summary>
    public const int Lanes = 8;

    private readonly int _hidden;
    private readonly float[] _inputWeights;   // [3H]: W_ir, W_iz, W_in (one input feature)
    private readonly float[] _recurrent;      // [3H, H] row-major: W_hr, W_hz, W_hn
    private readonly float[] _gateBias;       // [3H]: b_ir + b_hr, b_iz + b_hz, b_in
    private readonly float[] _candidateBias;  // [H]: b_hn, inside the reset gate's product
    private readonly float[] _head;           // [H]
    private float _headBias;

    // Per group: the state [H × Lanes] and the gates of one step, lanes innermost.
    private readonly float[] _state;
    private readonly float[] _reset;
    private readonly float[] _update;
    private readonly float[] _candidate;
    private readonly float[] _inputPart;

    private ManagedGruForward(int hidden)
    {
        _hidden = hidden;
        _inputWeights = new float[3 * hidden];
        _recurrent = new float[3 * hidden * hidden];
        _gateBias = new float[3 * hidden];
        _candidateBias = new float[hidden];
        _head = new float[hidden];
        _state = new float[hidden * Lanes];
        _reset = new float[hidden * Lanes];
        _update = new float[hidden * Lanes];
        _candidate = new float[hidden * Lanes];
        _inputPart = new float[hidden * Lanes];
    }

    /// <summary>A forward for <paramref name="architecture"/>, or null when it has a part this forward does not compute or the CPU lacks 256-bit vectors.</summary>
    public static ManagedGruForward? For(GruArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        bool supported = architecture is { Layers: 1, Bidirectional: false, Pooling: PoolingKind.Last, Normalization: NormalizationKind.None }
            && Vector256.IsHardwareAccelerated;
        return supported ? new ManagedGruForward(architecture.HiddenSize) : null;
    }

    /// <summary>
    /// Copies the weights in: PyTorch's GRU parameters (<paramref name="weightIh"/> [3H, 1], <paramref name="weightHh"/>
    /// [3H, H], <paramref name="biasIh"/> and <paramref name="biasHh"/> [3H]) and the head's ([1, H] and [1]).
    /// </summary>
    public void Load(ReadOnlySpan<float> weightIh, ReadOnlySpan<float> weightHh, ReadOnlySpan<float> biasIh, ReadOnlySpan<float> biasHh,
        ReadOnlySpan<float> headWeight, float headBias)
    {
        int h = _hidden;
        if (weightIh.Length != 3 * h || weightHh.Length != 3 * h * h || biasIh.Length != 3 * h || biasHh.Length != 3 * h || headWeight.Length != h)
        {
            throw new ArgumentException($"Expected the weights of a GRU({h}) with one input and a Linear({h}→1) head.");
        }

        weightIh.CopyTo(_inputWeights);
        weightHh.CopyTo(_recurrent);
        TensorPrimitives.Add(biasIh[..(2 * h)], biasHh[..(2 * h)], _gateBias.AsSpan(0, 2 * h));
        biasIh[(2 * h)..].CopyTo(_gateBias.AsSpan(2 * h));
        biasHh[(2 * h)..].CopyTo(_candidateBias);
        headWeight.CopyTo(_head);
        _headBias = headBias;
    }

    /// <summary>
    /// The predicted next value after each of B windows: <paramref name="windows"/> B×W floats, row-major, oldest
    /// first; <paramref name="predictions"/> B floats, written.
    /// </summary>
    public void Predict(ReadOnlySpan<float> windows, int windowSize, Span<float> predictions)
    {
        int batch = predictions.Length;
        Span<float> inputs = stackalloc float[Lanes];
        for (int first = 0; first < batch; first += Lanes)
        {
            int lanes = Math.Min(Lanes, batch - first);
            Array.Clear(_state);
            for (int t = 0; t < windowSize; t++)
            {
                inputs.Clear();
                for (int lane = 0; lane < lanes; lane++)
                {
                    inputs[lane] = windows[((first + lane) * windowSize) + t];
                }

                StepGroup(Vector256.Create<float>(inputs));
            }

            HeadGroup(predictions.Slice(first, lanes));
        }
    }

    /// <summary>
    /// One cell step for B series: <paramref name="inputs"/> B values x_t; <paramref name="states"/> B×H floats [B, H],
    /// h_{t−1} in, h_t out; <paramref name="predictions"/> B floats written, the head over h_t.
    /// </summary>
    public void Step(ReadOnlySpan<float> inputs, Span<float> states, Span<float> predictions)
    {
        int batch = inputs.Length;
        int h = _hidden;
        Span<float> lanesIn = stackalloc float[Lanes];
        for (int first = 0; first < batch; first += Lanes)
        {
            int lanes = Math.Min(Lanes, batch - first);
            Array.Clear(_state);
            lanesIn.Clear();
            for (int lane = 0; lane < lanes; lane++)
            {
                lanesIn[lane] = inputs[first + lane];
                ReadOnlySpan<float> row = states.Slice((first + lane) * h, h);
                for (int k = 0; k < h; k++)
                {
                    _state[(k * Lanes) + lane] = row[k];
                }
            }

            StepGroup(Vector256.Create<float>(lanesIn));
            for (int lane = 0; lane < lanes; lane++)
            {
                Span<float> row = states.Slice((first + lane) * h, h);
                for (int k = 0; k < h; k++)
                {
                    row[k] = _state[(k * Lanes) + lane];
                }
            }

            HeadGroup(predictions.Slice(first, lanes));
        }
    }

    // One GRU step for the group: the recurrent products four units at a time (twelve independent sums, so the FMAs
    // are not waiting on each other's latency; one sum per unit ran 3× slower), then the element-wise gate arithmetic
    // over the whole [H × Lanes] block.
    private void StepGroup(Vector256<float> x)
    {
        int h = _hidden;
        int j = 0;
        for (; j + 4 <= h; j += 4)
        {
            UnitsOf4(j, x);
        }

        for (; j < h; j++)
        {
            Unit(j, x);
        }

        TensorPrimitives.Sigmoid(_reset, _reset);
        TensorPrimitives.Sigmoid(_update, _update);
        // n = tanh(input part + r ⊙ (W_hn h + b_hn)); h' = n + z ⊙ (h − n).
        TensorPrimitives.FusedMultiplyAdd(_reset, _candidate, _inputPart, _candidate);
        TensorPrimitives.Tanh(_candidate, _candidate);
        TensorPrimitives.Subtract(_state, _candidate, _reset);
        TensorPrimitives.FusedMultiplyAdd(_update, _reset, _candidate, _state);
    }

    private void UnitsOf4(int j, Vector256<float> x)
    {
        int h = _hidden;
        ReadOnlySpan<float> state = _state;
        ReadOnlySpan<float> r0w = _recurrent.AsSpan(j * h, 4 * h);
        ReadOnlySpan<float> z0w = _recurrent.AsSpan((h + j) * h, 4 * h);
        ReadOnlySpan<float> n0w = _recurrent.AsSpan(((2 * h) + j) * h, 4 * h);
        Vector256<float> r0 = InputGate(j, x), r1 = InputGate(j + 1, x), r2 = InputGate(j + 2, x), r3 = InputGate(j + 3, x);
        Vector256<float> z0 = InputGate(h + j, x), z1 = InputGate(h + j + 1, x), z2 = InputGate(h + j + 2, x), z3 = InputGate(h + j + 3, x);
        Vector256<float> n0 = Vector256.Create(_candidateBias[j]), n1 = Vector256.Create(_candidateBias[j + 1]);
        Vector256<float> n2 = Vector256.Create(_candidateBias[j + 2]), n3 = Vector256.Create(_candidateBias[j + 3]);
        for (int k = 0; k < h; k++)
        {
            var hk = Vector256.Create<float>(state.Slice(k * Lanes, Lanes));
            r0 = Vector256.FusedMultiplyAdd(Vector256.Create(r0w[k]), hk, r0);
            r1 = Vector256.FusedMultiplyAdd(Vector256.Create(r0w[h + k]), hk, r1);
            r2 = Vector256.FusedMultiplyAdd(Vector256.Create(r0w[(2 * h) + k]), hk, r2);
            r3 = Vector256.FusedMultiplyAdd(Vector256.Create(r0w[(3 * h) + k]), hk, r3);
            z0 = Vector256.FusedMultiplyAdd(Vector256.Create(z0w[k]), hk, z0);
            z1 = Vector256.FusedMultiplyAdd(Vector256.Create(z0w[h + k]), hk, z1);
            z2 = Vector256.FusedMultiplyAdd(Vector256.Create(z0w[(2 * h) + k]), hk, z2);
            z3 = Vector256.FusedMultiplyAdd(Vector256.Create(z0w[(3 * h) + k]), hk, z3);
            n0 = Vector256.FusedMultiplyAdd(Vector256.Create(n0w[k]), hk, n0);
            n1 = Vector256.FusedMultiplyAdd(Vector256.Create(n0w[h + k]), hk, n1);
            n2 = Vector256.FusedMultiplyAdd(Vector256.Create(n0w[(2 * h) + k]), hk, n2);
            n3 = Vector256.FusedMultiplyAdd(Vector256.Create(n0w[(3 * h) + k]), hk, n3);
        }

        Store(j, r0, z0, n0, x);
        Store(j + 1, r1, z1, n1, x);
        Store(j + 2, r2, z2, n2, x);
        Store(j + 3, r3, z3, n3, x);
    }

    private void Unit(int j, Vector256<float> x)
    {
        int h = _hidden;
        ReadOnlySpan<float> state = _state;
        ReadOnlySpan<float> wr = _recurrent.AsSpan(j * h, h);
        ReadOnlySpan<float> wz = _recurrent.AsSpan((h + j) * h, h);
        ReadOnlySpan<float> wn = _recurrent.AsSpan(((2 * h) + j) * h, h);
        var r = InputGate(j, x);
        var z = InputGate(h + j, x);
        var n = Vector256.Create(_candidateBias[j]);
        for (int k = 0; k < h; k++)
        {
            var hk = Vector256.Create<float>(state.Slice(k * Lanes, Lanes));
            r = Vector256.FusedMultiplyAdd(Vector256.Create(wr[k]), hk, r);
            z = Vector256.FusedMultiplyAdd(Vector256.Create(wz[k]), hk, z);
            n = Vector256.FusedMultiplyAdd(Vector256.Create(wn[k]), hk, n);
        }

        Store(j, r, z, n, x);
    }

    // W_i x + b for gate row g (the input part of r and z; of n it stays outside the reset gate's product).
    private Vector256<float> InputGate(int g, Vector256<float> x) =>
        Vector256.FusedMultiplyAdd(Vector256.Create(_inputWeights[g]), x, Vector256.Create(_gateBias[g]));

    private void Store(int j, Vector256<float> r, Vector256<float> z, Vector256<float> n, Vector256<float> x)
    {
        r.CopyTo(_reset.AsSpan(j * Lanes));
        z.CopyTo(_update.AsSpan(j * Lanes));
        n.CopyTo(_candidate.AsSpan(j * Lanes));
        InputGate((2 * _hidden) + j, x).CopyTo(_inputPart.AsSpan(j * Lanes));
    }

    private void HeadGroup(Span<float> predictions)
    {
        var sum = Vector256.Create(_headBias);
        for (int k = 0; k < _hidden; k++)
        {
            sum = Vector256.FusedMultiplyAdd(Vector256.Create(_head[k]), Vector256.Create<float>(_state.AsSpan(k * Lanes, Lanes)), sum);
        }

        for (int lane = 0; lane < predictions.Length; lane++)
        {
            predictions[lane] = sum.GetElement(lane);
        }
    }
}
