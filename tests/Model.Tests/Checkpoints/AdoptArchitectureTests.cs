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

    [Fact]
    public void A_checkpoint_carries_its_mode_and_the_options_take_it_unless_they_contradict_it()
    {
        var trained = new ModelOptions { Mode = ForecastMode.Streaming, HiddenSize = 8 };
        using var forecaster = new Streaming.Model.Forecasting.GruForecaster(trained);
        var file = CheckpointFile.Parse(ForecasterCheckpoint.Capture(forecaster).ToBytes(), "test");
        Assert.Equal(ForecastMode.Streaming, ForecasterCheckpoint.ModeOf(file));

        var defaults = new ModelOptions();
        ForecasterCheckpoint.Adopt(defaults, file);
        Assert.Equal(ForecastMode.Streaming, defaults.Mode);
        Assert.Equal(8, defaults.HiddenSize);

        var agreeing = new ModelOptions { Mode = ForecastMode.Streaming };
        ForecasterCheckpoint.Adopt(agreeing, file);
        Assert.Equal(ForecastMode.Streaming, agreeing.Mode);
    }

    [Fact]
    public void A_mode_that_contradicts_the_checkpoint_is_refused_by_name_and_an_old_checkpoint_leaves_the_mode_alone()
    {
        using var forecaster = new Streaming.Model.Forecasting.GruForecaster(new ModelOptions { HiddenSize = 8 });
        var windowed = ForecasterCheckpoint.Capture(forecaster);
        var trainedWindowed = CheckpointFile.Parse(windowed.ToBytes(), "test");
        var refused = Assert.Throws<CheckpointException>(() => ForecasterCheckpoint.Adopt(new ModelOptions { Mode = ForecastMode.Streaming }, trainedWindowed));
        Assert.Contains("Model:Mode checkpoint=Windowed configured=Streaming", refused.Message, StringComparison.Ordinal);

        var old = new CheckpointFile(windowed.Architecture);
        foreach (var name in windowed.SectionNames.Where(n => n != ForecasterCheckpoint.ModeSection))
        {
            old.Set(name, windowed.Get(name));
        }

        var options = new ModelOptions { Mode = ForecastMode.Streaming };
        ForecasterCheckpoint.Adopt(options, CheckpointFile.Parse(old.ToBytes(), "test"));
        Assert.Null(ForecasterCheckpoint.ModeOf(old));
        Assert.Equal(ForecastMode.Streaming, options.Mode);
    }
}
