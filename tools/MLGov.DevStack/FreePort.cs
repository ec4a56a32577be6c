using System.Net;
using System.Net.Sockets;

namespace MLGov.DevStack;

/// <summary>Loopback ports: pick a free one, or test whether one is taken.</summary>
public static class FreePort
{
    /// <summary>A port the OS reports free on 127.0.0.1 right now (the caller retries if it is taken before use).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
