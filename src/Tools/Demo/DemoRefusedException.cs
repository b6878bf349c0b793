using Streaming.Worker.Cli;
namespace Streaming.Tools.Demo;

/// <summary>
/// The demo was pointed at a cluster other than its own embedded broker without <c>--allow-demo-on-cluster</c>: it
/// would have written simulated points into that cluster's input topic.
/// </summary>
public sealed class DemoRefusedException : Exception, ICommandFailure
{
    /// <summary>Creates the refusal naming <paramref name="bootstrap"/>.</summary>
    public DemoRefusedException(string bootstrap)
        : base($"The demo writes simulated points into Ingest:Topic, and Kafka:BootstrapServers names a cluster ({bootstrap}), not the embedded broker. "
            + "To detect on that cluster's data use 'run --bootstrap " + bootstrap + "'; to feed it simulated points on purpose, add --allow-demo-on-cluster.")
    {
        Bootstrap = bootstrap;
    }

    /// <summary>Creates an exception with no cluster named (for serialisers).</summary>
    public DemoRefusedException()
        : this("")
    {
    }

    /// <summary>Creates an exception with a message of its own.</summary>
    public DemoRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Bootstrap = "";
    }

    /// <inheritdoc />
    public ExitCode ExitCode => ExitCode.DemoRefused;

    /// <inheritdoc />
    public string Headline => "The demo did not start: ";

    /// <summary>The cluster the demo was pointed at.</summary>
    public string Bootstrap { get; }
}
