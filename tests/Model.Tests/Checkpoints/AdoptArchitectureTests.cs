using Streaming.Model.Architecture;
using Streaming.Model.Checkpoints;
using Streaming.Model.Options;

namespace Streaming.Model.Tests.Checkpoints;

public sealed class AdoptArchitectureTests
{
    private static readonly GruArchitecture Stacked = GruArchitecture.From(new ModelOptions { Layers = 2, Dropout = 0.2, HiddenSize = 32 });

    [Fact]
    public void Settings_left_at_their_defaults_take_the_checkpoints_architecture()
    {
        var options = new ModelOptions { LearningRate = 0.01 };
        ForecasterCheckpoint.AdoptArchitecture(options, Stacked);
        Assert.Equal(Stacked, GruArchitecture.From(options));
        Assert.Equal(0.01, options.LearningRate);
    }

    [Fact]
    public void A_setting_that_agrees_with_the_checkpoint_is_no_conflict()
    {
        var options = new ModelOptions { Layers = 2 };
        ForecasterCheckpoint.AdoptArchitecture(options, Stacked);
        Assert.Equal(Stacked, GruArchitecture.From(options));
    }

    [Fact]
    public void A_setting_that_contradicts_the_checkpoint_is_refused_by_name()
    {
        var options = new ModelOptions { Layers = 3 };
        var refused = Assert.Throws<CheckpointException>(() => ForecasterCheckpoint.AdoptArchitecture(options, Stacked));
        Assert.Contains("Model:Layers checkpoint=2 configured=3", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Model:HiddenSize", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, options.Layers);
    }
}
