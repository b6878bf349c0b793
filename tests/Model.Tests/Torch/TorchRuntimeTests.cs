using Streaming.Model.Torch;
using static TorchSharp.torch;

namespace Streaming.Model.Tests.Torch;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Native_library_loads_and_computes()
    {
        // Fails with a DllNotFoundException if the GLIBCXX patch did not run on the build output.
        TorchRuntime.EnsureInitialized();

        using var scope = NewDisposeScope();
        Tensor a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        float sum = a.matmul(a).sum().item<float>();

        Assert.Equal(54f, sum); // [[7,10],[15,22]]
    }

    [Fact]
    public void Output_dir_has_no_leftover_cpu_folder()
    {
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")));
    }
}
