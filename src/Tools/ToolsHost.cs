using Microsoft.Extensions.Hosting;
using Streaming.Tools.Embedded;
using Streaming.Worker.Hosting;

namespace Streaming.Tools;

/// <summary>The worker's host as the tools build it: the same detector and configuration, plus the embedded broker.</summary>
public static class ToolsHost
{
    /// <summary><see cref="DetectorHost.CreateBuilder"/> with <see cref="EmbeddedBrokerHostExtensions.AddEmbeddedBroker"/>.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] configArgs, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        DetectorHost.CreateBuilder(configArgs, overrides).AddEmbeddedBroker();
}
