namespace Streaming.Model.Scaling;

/// <summary>Creates a fresh, unfitted scaler per series.</summary>
public static class ScalerFactory
{
    /// <summary>Creates a new scaler of <paramref name="kind"/>.</summary>
    public static IOnlineScaler Create(ScalerKind kind) => kind switch
    {
        ScalerKind.MinMax => new MinMaxScaler(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown scaler kind."),
    };
}
