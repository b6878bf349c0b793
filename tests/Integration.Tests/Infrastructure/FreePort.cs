using System.Net;
using System.Net.Sockets;

namespace Streaming.Integration.Tests.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1, so that tests never fight other processes for the service's default ports.</summary>
public static class FreePort
{
    /// <summary>A port the system just handed out as free (closed again before returning).</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
