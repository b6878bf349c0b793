using static TorchSharp.torch;

namespace Streaming.Model.Torch;

/// <summary>
/// Process-wide TorchSharp settings. One intra-op thread per process: the worker scales by running
/// independent model threads, which beats libtorch's own threading on small GRU batches.
/// </summary>
public static class TorchRuntime
{
    [ThreadStatic]
    private static bool _threadConfigured;

    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Loads the native library and applies the process-wide settings; later calls do nothing.
    /// Throws (typically <see cref="DllNotFoundException"/> or <see cref="TypeInitializationException"/>)
    /// if libtorch cannot load, e.g. when the GLIBCXX build patch did not run.
    /// </summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    /// <summary>
    /// Makes the calling thread's tensor work single-threaded too. libtorch's thread count is an OpenMP setting of the
    /// thread that sets it: a thread that never called it runs parallel regions on every core, which costs the
    /// other threads their cores and makes results depend on scheduling (float sums split differently). Cheap after
    /// the first call on a thread.
    /// </summary>
    public static void EnsureThreadConfigured()
    {
        if (_threadConfigured)
        {
            return;
        }

        EnsureInitialized();
        set_num_threads(1);
        _threadConfigured = true;
    }

    private static bool Initialize()
    {
        set_num_threads(1);
        return true;
    }
}
