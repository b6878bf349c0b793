using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Training;

/// <summary>
/// The running mean of snapshots of a set of parameters (Polyak / SWA averaging), kept as detached float32 copies
/// of the same shapes; <see cref="CopyTo"/> writes the mean back.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly Tensor[] _mean;
    private int _count;

    public WeightAverage(IReadOnlyList<Parameter> parameters)
    {
        using var noGrad = no_grad();
        _mean = [.. parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
    }

    /// <summary>Snapshots taken so far.</summary>
    public int Count => _count;

    /// <summary>Folds the parameters' current values into the mean.</summary>
    public void Add(IReadOnlyList<Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _count++;
        using var share = (1.0 / _count).ToScalar();
        for (int i = 0; i < _mean.Length; i++)
        {
            if (_count == 1)
            {
                _mean[i].copy_(parameters[i]);
            }
            else
            {
                _mean[i].add_(parameters[i] - _mean[i], share);
            }
        }
    }

    /// <summary>Overwrites the parameters with the mean (nothing happens before the first snapshot).</summary>
    public void CopyTo(IReadOnlyList<Parameter> parameters)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _mean.Length && _count > 0; i++)
        {
            parameters[i].copy_(_mean[i]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _mean)
        {
            tensor.Dispose();
        }
    }
}
