using Streaming.Model.Training;

namespace Streaming.Tools.Offline;

/// <summary>
/// The Keras GRU lesson's experiments: its series, sin(linspace(0, 100, 1000)), and its models as <c>Model:</c>
/// settings. Both presets use Keras' initialisers and Adam epsilon (1e-7) and no gradient clipping, as Keras does,
/// and the lesson's fit (50 epochs, batch size 1), ended by one rule: the learning rate falls along a half cosine over
/// the last 10 epochs to 1% (what a Keras <c>LearningRateScheduler</c> callback does), because at batch size 1 a
/// constant-rate end is a draw. The rule was chosen with <c>train --validation</c> over a constant rate and weight
/// averaging, never on the test split (docs/model.md).
/// </summary>
public sealed record LessonPreset(string Name, string Description, IReadOnlyList<string> Settings, OfflineTrainingOptions Training)
{
    /// <summary>Points of the lesson's series.</summary>
    public const int Points = 1000;

    private static readonly string[] Common =
    [
        "--Model:WindowSize=10", "--Model:HiddenSize=50", "--Model:LearningRate=0.001", "--Model:AdamEpsilon=1e-7",
        "--Model:GradientClipNorm=0", "--Model:Initialization=Keras", "--Model:Loss=Mse", "--Model:Bidirectional=false",
        "--Model:Pooling=Last", "--Model:Normalization=None",
    ];

    private static readonly OfflineTrainingOptions EndOfTraining = new() { DecayEpochs = 10, DecayTo = 0.01 };

    /// <summary>The presets by name.</summary>
    public static readonly IReadOnlyList<LessonPreset> All =
    [
        new("keras-gru", "GRU(50) → Dense(1); the lesson printed test MSE 2.17e-7", [.. Common, "--Model:Layers=1", "--Model:Dropout=0"], EndOfTraining),
        new("keras-stacked", "GRU(50, return_sequences) → Dropout(0.2) → GRU(50) → Dense(1); the lesson printed test MSE 2.28e-5",
            [.. Common, "--Model:Layers=2", "--Model:Dropout=0.2"], EndOfTraining),
    ];

    /// <summary>The preset called <paramref name="name"/>; throws <see cref="FormatException"/> listing the known ones.</summary>
    public static LessonPreset Find(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"Unknown preset '{name}'. Presets: {string.Join(", ", All.Select(p => p.Name))}.");

    /// <summary>The lesson's raw series: sin(linspace(0, 100, 1000)).</summary>
    public static double[] Series()
    {
        var values = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            values[i] = Math.Sin(100.0 * i / (Points - 1));
        }

        return values;
    }
}
