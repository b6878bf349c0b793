namespace Streaming.Model.Tests;

/// <summary>
/// Tests that re-seed or draw from torch's process-wide generator (dropout) and compare runs: they must not run
/// beside other tests that draw from it too, or their draws interleave.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorCollection
{
    public const string Name = "torch generator";
}
