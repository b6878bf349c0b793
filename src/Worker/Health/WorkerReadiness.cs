namespace Streaming.Worker.Health;

/// <summary>
/// What start-up has finished, for the readiness check: the model is built (weights initialised or loaded) and the
/// worker's state is restored. Set by the hosted worker; read by the health endpoint. Thread-safe.
/// </summary>
public sealed class WorkerReadiness
{
    private volatile string? _modelLoaded;
    private volatile string? _stateRestored;

    /// <summary>How the model came to be (e.g. "initialised from seed 42"); null while not loaded.</summary>
    public string? ModelLoaded => _modelLoaded;

    /// <summary>How the state was restored (e.g. "no checkpoint configured"); null while restoring.</summary>
    public string? StateRestored => _stateRestored;

    /// <summary>Records that the model is ready to predict.</summary>
    public void MarkModelLoaded(string how) => _modelLoaded = how;

    /// <summary>Records that the worker's state is restored.</summary>
    public void MarkStateRestored(string how) => _stateRestored = how;

    /// <summary>Forgets both marks (the worker is stopping).</summary>
    public void Reset()
    {
        _modelLoaded = null;
        _stateRestored = null;
    }
}
