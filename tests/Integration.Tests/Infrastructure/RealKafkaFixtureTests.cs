namespace Streaming.Integration.Tests.Infrastructure;

public sealed class RealKafkaFixtureTests
{
    [Fact]
    public async Task Without_a_Docker_endpoint_the_fixture_skips_with_the_reason_and_starts_nothing()
    {
        var started = false;
        var reason = await RealKafkaFixture.StartUnlessNoDockerAsync(() => false, () =>
        {
            started = true;
            return Task.CompletedTask;
        });

        Assert.False(started);
        Assert.Contains("Docker", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_Docker_endpoint_a_failing_start_fails_rather_than_skips()
    {
        var broken = new InvalidOperationException("image pull failed: manifest unknown");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RealKafkaFixture.StartUnlessNoDockerAsync(() => true, () => throw broken));
        Assert.Same(broken, thrown);
    }

    [Fact]
    public async Task With_a_Docker_endpoint_a_successful_start_leaves_no_skip_reason() =>
        Assert.Null(await RealKafkaFixture.StartUnlessNoDockerAsync(() => true, () => Task.CompletedTask));
}
