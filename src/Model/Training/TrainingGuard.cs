using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Training;

/// <summary>
/// Keeps a copy of the last good training state (weights, buffers, Adam's moments and step counts) and judges every
/// step: a non-finite loss, or one above <c>factor</c> × the median of the recent losses (and above 1 scaled unit²,
/// so that ordinary surprises on a quiet, well-fitted series never count), or non-finite weights after the step, is
/// bad and the caller puts the copy back. The copy is refreshed every N good steps, after checking the whole state
/// is finite, so a rollback never restores a bad state. Copies live in tensors allocated once (the default model is
/// ~8k weights and ~16k moments). Not thread-safe: the training thread owns it.
/// </summary>
internal sealed class TrainingGuard(nn.Module network, IReadOnlyList<Parameter> parameters, GcSafeAdam optimizer, double lossFactor, int saveEverySteps)
    : IDisposable
{
    // A batch-mean loss above this (a whole scaled range, squared) is never ordinary on [0, 1]-scaled data.
    private const float LossFloor = 1f;

    // Fewer recent losses than this say nothing reliable about what is normal yet.
    private const int MinimumHistory = 16;

    private readonly RecentLosses _recent = new(64);
    private Tensor[] _savedWeights = [];
    private Tensor[] _savedMoments = [];
    private long[] _savedAdamSteps = [];
    private int _goodSinceSave;

    /// <summary>Training steps counted when the copy was taken; −1 before the first copy.</summary>
    public long SavedTrainingSteps { get; private set; } = -1;

    /// <summary>Median of the recent losses the last <see cref="JudgeLoss"/> compared with (NaN before any).</summary>
    public float LastMedian { get; private set; } = float.NaN;

    /// <summary>Takes the first copy if there is none yet (a restored checkpoint's state is the first good one).</summary>
    public void EnsureSaved(long trainingSteps)
    {
        if (SavedTrainingSteps < 0)
        {
            Save(trainingSteps);
        }
    }

    /// <summary>Judges a step's loss before the step is applied; null when it may go ahead. Remembers finite losses.</summary>
    public RollbackReason? JudgeLoss(float loss)
    {
        if (!float.IsFinite(loss))
        {
            return RollbackReason.NonFiniteLoss;
        }

        LastMedian = _recent.Median();
        _recent.Add(loss);
        bool exploding = lossFactor > 0 && loss > LossFloor && _recent.Count > MinimumHistory && loss > lossFactor * LastMedian;
        return exploding ? RollbackReason.ExplodingLoss : null;
    }

    /// <summary>True when every parameter is finite (cheap: one reduction per parameter); checked after each step.</summary>
    public bool ParametersFinite() => AllFinite(parameters);

    /// <summary>
    /// Counts an applied step that looked good; every N such steps checks the whole state and refreshes the copy.
    /// Returns false when that check finds a non-finite value (the caller then rolls back).
    /// </summary>
    public bool StepSucceeded(long trainingSteps)
    {
        if (++_goodSinceSave < saveEverySteps)
        {
            return true;
        }

        if (!AllFinite(LiveWeights()) || !AllFinite(LiveMoments()))
        {
            return false;
        }

        Save(trainingSteps);
        return true;
    }

    /// <summary>Puts the last copy back, bit for bit; returns the training-step count it was taken at.</summary>
    public long Restore()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        CopyInto(_savedWeights, LiveWeights());
        CopyInto(_savedMoments, LiveMoments());
        int i = 0;
        foreach (var state in optimizer.ParameterStates())
        {
            state.step = _savedAdamSteps[i++];
        }

        _goodSinceSave = 0;
        return SavedTrainingSteps;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _savedWeights.Concat(_savedMoments))
        {
            tensor.Dispose();
        }
    }

    /// <summary>Takes the copy now: the state the caller put in place (averaged weights, say) is the good one to return to.</summary>
    public void Save(long trainingSteps)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _savedWeights = Copy(LiveWeights(), _savedWeights);
        _savedMoments = Copy(LiveMoments(), _savedMoments);
        _savedAdamSteps = optimizer.ParameterStates().Select(state => state.step).ToArray();
        SavedTrainingSteps = trainingSteps;
        _goodSinceSave = 0;
    }

    // Read afresh each time: loading a checkpoint may replace the tensors behind the names and the moments.
    private List<Tensor> LiveWeights() => network.state_dict().OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).ToList();

    private List<Tensor> LiveMoments() => optimizer.ParameterStates().SelectMany(state => new[] { state.exp_avg, state.exp_avg_sq }).ToList();

    // Copies the live tensors into the saved ones; allocates those (outside any dispose scope) on the first call.
    private static Tensor[] Copy(List<Tensor> live, Tensor[] saved)
    {
        if (saved.Length != live.Count)
        {
            foreach (var tensor in saved)
            {
                tensor.Dispose();
            }

            return live.Select(tensor => tensor.detach().clone().DetachFromDisposeScope()).ToArray();
        }

        CopyInto(live, saved);
        return saved;
    }

    private static void CopyInto(IReadOnlyList<Tensor> sources, IReadOnlyList<Tensor> targets)
    {
        for (int i = 0; i < targets.Count; i++)
        {
            targets[i].copy_(sources[i]);
        }
    }

    // A sum is NaN or infinite when any element is (or when finite values overflow, which no sane weight does).
    private static bool AllFinite(IEnumerable<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor[] sums = tensors.Where(t => t.is_floating_point()).Select(t => t.sum(type: ScalarType.Float64)).ToArray();
        return sums.Length == 0 || double.IsFinite(stack(sums).sum().item<double>());
    }
}
