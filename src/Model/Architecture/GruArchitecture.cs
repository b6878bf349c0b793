using System.Globalization;
using Streaming.Model.Options;

namespace Streaming.Model.Architecture;

/// <summary>
/// What defines the network's shape and layers, as stored in a checkpoint's header: a checkpoint only loads into a
/// model of the same architecture. Input [B, WindowSize, 1] scaled values, output [B] the next scaled value.
/// </summary>
/// <param name="WindowSize">Points per input window (W).</param>
/// <param name="HiddenSize">Units per GRU layer and direction (H).</param>
/// <param name="Layers">Stacked GRU layers; each passes its whole output sequence to the next.</param>
/// <param name="Dropout">Dropout probability on the sequence between stacked layers (Keras' Dropout layer), 0 = none.</param>
/// <param name="Bidirectional">Each layer also reads the window newest→oldest (still causal: the window is all past data).</param>
/// <param name="Pooling">How the output sequence becomes one vector.</param>
/// <param name="Normalization">Normalisation of the output sequence before pooling.</param>
public sealed record GruArchitecture(
    int WindowSize,
    int HiddenSize,
    int Layers,
    double Dropout,
    bool Bidirectional,
    PoolingKind Pooling,
    NormalizationKind Normalization)
{
    /// <summary>The dropout the network applies: only between stacked layers, so 0 for one layer whatever <see cref="Dropout"/> says.</summary>
    public double LayerDropout => Layers > 1 ? Dropout : 0;

    /// <summary>Features per step of the GRU's output: H, or 2H when bidirectional.</summary>
    public int OutputSize => Bidirectional ? 2 * HiddenSize : HiddenSize;

    /// <summary>The architecture the <c>Model:</c> options describe.</summary>
    public static GruArchitecture From(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.WindowSize, options.HiddenSize, options.Layers, options.Dropout, options.Bidirectional,
            options.Pooling, options.Normalization);
    }

    /// <summary>Each field that differs, as "Model:Key checkpoint=a configured=b"; empty when they match.</summary>
    public IReadOnlyList<string> DifferencesFrom(GruArchitecture configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var differences = new List<string>();
        Compare(differences, nameof(WindowSize), WindowSize, configured.WindowSize);
        Compare(differences, nameof(HiddenSize), HiddenSize, configured.HiddenSize);
        Compare(differences, nameof(Layers), Layers, configured.Layers);
        Compare(differences, nameof(Dropout), Dropout, configured.Dropout);
        Compare(differences, nameof(Bidirectional), Bidirectional, configured.Bidirectional);
        Compare(differences, nameof(Pooling), Pooling, configured.Pooling);
        Compare(differences, nameof(Normalization), Normalization, configured.Normalization);
        return differences;
    }

    /// <summary>A one-line description, e.g. <c>GRU(50)×2 dropout 0.2, last state, window 10</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Bidirectional ? "bidirectional " : "")}GRU({HiddenSize})×{Layers}{(Dropout > 0 ? $" dropout {Dropout}" : "")}, " +
        $"{(Pooling == PoolingKind.Attention ? "attention pooling" : "last state")}" +
        $"{Normalization switch { NormalizationKind.Layer => ", layer norm", NormalizationKind.Batch => ", batch norm", _ => "" }}, window {WindowSize}");

    private static void Compare<T>(List<string> differences, string key, T checkpoint, T configured)
    {
        if (!EqualityComparer<T>.Default.Equals(checkpoint, configured))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{ModelOptions.Section}:{key} checkpoint={checkpoint} configured={configured}"));
        }
    }
}
