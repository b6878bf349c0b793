using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Model.Training;

/// <summary>
/// TorchSharp's Adam (no weight decay, no AMSGrad) with the same state and state-dict format, but whose update
/// never hands a temporary <see cref="Scalar"/> to native code. TorchSharp 0.107's own step converts doubles to
/// Scalars implicitly and keeps no reference to them during the native call, so a garbage collection started by any
/// other thread can finalise a Scalar while libtorch reads it; the step then fails ("Expected false to be true"
/// from <c>Scalar::toDouble</c>) or reads garbage. Here every Scalar is a local that is disposed after its use.
/// </summary>
public sealed class GcSafeAdam : Adam
{
    /// <summary>Adam over <paramref name="parameters"/> with learning rate <paramref name="lr"/> and ε <paramref name="eps"/>; betas 0.9 and 0.999.</summary>
    public GcSafeAdam(IEnumerable<Parameter> parameters, double lr, double eps = 1e-8)
        : base(parameters, lr: lr, eps: eps)
    {
    }

    /// <summary>Each parameter's state (step count, first and second moments), in the order of the parameter groups.</summary>
    internal IEnumerable<State> ParameterStates() =>
        _parameter_groups.SelectMany(group => group.Parameters).Select(parameter => (State)_state[parameter.Handle]);

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(Update, closure);

    private void Update(ParamGroup group)
    {
        var options = (Options)group.Options;
        var beta1 = options.beta1!.Value;
        var beta2 = options.beta2!.Value;
        using var beta1Scalar = beta1.ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var gradientShare = (1 - beta1).ToScalar();
        using var squareShare = (1 - beta2).ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        using var one = 1.0.ToScalar();
        foreach (var parameter in group.Parameters)
        {
            var grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            var state = (State)_state[parameter.Handle];
            state.step += 1;
            using var denominatorScale = Math.Sqrt(1 - Math.Pow(beta2, state.step)).ToScalar();
            using var stepSize = (-options.LearningRate!.Value / (1 - Math.Pow(beta1, state.step))).ToScalar();
            state.exp_avg.mul_(beta1Scalar).add_(grad, gradientShare);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad, squareShare);
            using var root = state.exp_avg_sq.sqrt();
            using var denominator = root.div_(denominatorScale).add_(eps, one);
            using (no_grad())
            {
                parameter.addcdiv_(state.exp_avg, denominator, stepSize);
            }
        }
    }
}
