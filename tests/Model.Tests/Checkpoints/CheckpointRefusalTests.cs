using Streaming.Model.Checkpoints;
using Streaming.Model.Forecasting;
using Streaming.Model.Options;

namespace Streaming.Model.Tests.Checkpoints;

public sealed class CheckpointRefusalTests
{
    private static readonly ModelOptions Options = new() { HiddenSize = 8 };

    private static byte[] Checkpoint()
    {
        using var forecaster = new GruForecaster(Options);
        return ForecasterCheckpoint.Capture(forecaster).ToBytes();
    }

    [Fact]
    public void A_flipped_byte_is_refused_as_corrupt()
    {
        byte[] bytes = Checkpoint();
        bytes[bytes.Length / 2] ^= 0x40;
        var ex = Assert.Throws<CheckpointException>(() => CheckpointFile.Parse(bytes, "model.ckpt"));
        Assert.Equal($"model.ckpt is corrupt or truncated ({bytes.Length} bytes, checksum mismatch); nothing was loaded.", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(-1)]
    public void A_truncated_checkpoint_is_refused(int cut)
    {
        byte[] bytes = Checkpoint();
        int keep = cut > 0 ? bytes.Length - cut : bytes.Length / 2;
        var ex = Assert.Throws<CheckpointException>(() => CheckpointFile.Parse(bytes.AsSpan(0, keep)));
        Assert.Contains("corrupt or truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_file_or_another_format_version_is_refused()
    {
        var notOne = Assert.Throws<CheckpointException>(() => CheckpointFile.Parse("timestamp,value\n"u8));
        Assert.Contains("is not a model checkpoint", notOne.Message, StringComparison.Ordinal);

        byte[] bytes = Checkpoint();
        bytes[8] = 2;
        var version = Assert.Throws<CheckpointException>(() => CheckpointFile.Parse(bytes));
        Assert.Contains("format version 2; this build reads version 1", version.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused_naming_each_difference()
    {
        var file = CheckpointFile.Parse(Checkpoint());
        var configured = new ModelOptions { HiddenSize = 8, Layers = 2, Bidirectional = true };

        var ex = Assert.Throws<CheckpointException>(() => ForecasterCheckpoint.Restore(file, configured));

        Assert.Contains("another architecture (GRU(8)×1, last state, window 10) than configured (bidirectional GRU(8)×2, last state, window 10)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Model:Layers checkpoint=1 configured=2; Model:Bidirectional checkpoint=False configured=True", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_missing_a_section_is_refused()
    {
        var complete = CheckpointFile.Parse(Checkpoint());
        var partial = new CheckpointFile(complete.Architecture);
        partial.Set(ForecasterCheckpoint.WeightsSection, complete.Get(ForecasterCheckpoint.WeightsSection));

        var ex = Assert.Throws<CheckpointException>(() => ForecasterCheckpoint.Restore(CheckpointFile.Parse(partial.ToBytes()), Options));
        Assert.Equal("The checkpoint has no 'model.optimizer' section.", ex.Message);
    }
}
