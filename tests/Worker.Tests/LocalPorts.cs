using System.Net;
using System.Net.Sockets;

namespace Streaming.Worker.Tests;

/// <summary>Ports on 127.0.0.1 for tests of the worker's endpoints.</summary>
internal static class LocalPorts
{
    /// <summary>A port nothing listens on at this moment.</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>What connecting to <paramref name="port"/> gives: <see cref="SocketError.Success"/> when something listens.</summary>
    public static SocketError ConnectError(int port)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return SocketError.Success;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }
}
