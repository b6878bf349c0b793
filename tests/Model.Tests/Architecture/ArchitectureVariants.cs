using Streaming.Model.Architecture;
using Streaming.Model.Options;
using Streaming.Model.Training;

namespace Streaming.Model.Tests.Architecture;

/// <summary>One small configuration per architecture feature of the Keras lesson, for tests that cover them all.</summary>
internal static class ArchitectureVariants
{
    public static readonly IReadOnlyDictionary<string, Action<ModelOptions>> All = new Dictionary<string, Action<ModelOptions>>
    {
        ["gru"] = _ => { },
        ["stacked-dropout"] = o => { o.Layers = 2; o.Dropout = 0.2; },
        ["bidirectional"] = o => o.Bidirectional = true,
        ["attention"] = o => o.Pooling = PoolingKind.Attention,
        ["layer-norm"] = o => o.Normalization = NormalizationKind.Layer,
        ["batch-norm"] = o => o.Normalization = NormalizationKind.Batch,
        ["huber-clipped"] = o => { o.Loss = LossKind.Huber; o.HuberDelta = 0.1; o.GradientClipNorm = 0.5; },
        ["keras-init-everything"] = o =>
        {
            o.Initialization = InitializationKind.Keras;
            o.Layers = 2;
            o.Dropout = 0.1;
            o.Bidirectional = true;
            o.Pooling = PoolingKind.Attention;
            o.Normalization = NormalizationKind.Layer;
        },
    };

    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>Small, fast options of the named variant.</summary>
    public static ModelOptions Options(string name)
    {
        var options = new ModelOptions { HiddenSize = 16, TrainBatchSize = 8, TrainSamplesPerPoint = 8 };
        All[name](options);
        return options;
    }
}
