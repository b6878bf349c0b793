using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Streaming.Model.Checkpoints;
using Streaming.Tools.Demo;
using Streaming.Worker.Cli;
using Streaming.Worker.Telemetry;

namespace Streaming.Worker.Tests.Cli;

public partial class ExitCodeTests
{
    [Fact]
    public void Every_exit_code_has_its_own_number_and_a_row_in_the_readme_table()
    {
        var values = Enum.GetValues<ExitCode>();
        Assert.Equal(values.Length, values.Select(v => (int)v).Distinct().Count());
        var rows = Row().Matches(RepositoryFiles.Read("README.md")).ToDictionary(m => int.Parse(m.Groups["code"].Value), m => m.Groups["text"].Value);
        foreach (var code in values)
        {
            Assert.True(rows.ContainsKey((int)code), $"README's exit-code table has no row for {(int)code} ({code})");
        }

        Assert.Equal(values.Length, rows.Count);
    }

    [Fact]
    public async Task Each_start_up_error_maps_to_its_own_code()
    {
        var cases = new (Exception Error, ExitCode Code, string Says)[]
        {
            (new FormatException("Unknown command 'rnu'."), ExitCode.Usage, "Unknown command 'rnu'."),
            (new OptionsValidationException("x", typeof(object), ["Model:WindowSize = 1 is invalid"]), ExitCode.Configuration, "Model:WindowSize = 1 is invalid"),
            (new CheckpointException("bad magic"), ExitCode.CheckpointRefused, "bad magic"),
            (new EndpointUnavailableException("port 8081 is taken"), ExitCode.EndpointUnavailable, "port 8081 is taken"),
            (new DemoRefusedException("broker-1:9092"), ExitCode.DemoRefused, "run --bootstrap broker-1:9092"),
            (new InvalidOperationException("boom"), ExitCode.UnexpectedError, "System.InvalidOperationException: boom"),
        };
        foreach (var (error, code, says) in cases)
        {
            using var stderr = new StringWriter();
            Assert.Equal((int)code, await CliFailure.ReportAsync(error, stderr));
            Assert.Contains(says, stderr.ToString(), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\| `(?<code>\d+)` \| (?<text>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
