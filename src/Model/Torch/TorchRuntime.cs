using static TorchSharp.torch;

namespace Streaming.Model.Torch;

/// <summary>
/// Process-wide TorchSharp settings. One intra-op thread per process: the worker scales by running
/// independent model threads, which beats libtorch's own threading on small GRU batches.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads the native library and applies the process-wide settings; later calls do nothing.
    /// Throws (typically <see cref="DllNotFoundException"/> or <see cref="TypeInitializationException"/>)
    /// if libtorch cannot load, e.g. when the GLIBCXX build patch did not run.
    /// </summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        set_num_threads(1);
        return true;
    }
}
