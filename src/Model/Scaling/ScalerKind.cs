namespace Streaming.Model.Scaling;

/// <summary>Which <see cref="IOnlineScaler"/> each series gets.</summary>
public enum ScalerKind
{
    /// <summary><see cref="MinMaxScaler"/>: [0, 1] over the range seen so far.</summary>
    MinMax,
}
