using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Finsam.Distributed.Tests.Cluster;

/// <summary>
/// A TCP proxy between the services and the broker that makes the network worse: every chunk waits
/// <see cref="Latency"/> before it is passed on, and <see cref="ResetAll"/> cuts every connection with a reset (RST), as
/// a load balancer or a failing switch would. The services reconnect through it; the broker's restarts pass through
/// it too (a connection to a stopped broker is refused and the client's side closed).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, (Socket Client, Socket Server)> _links = new();
    private readonly Task _accepting;
    private int _resets;

    private FaultProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>A proxy on a free loopback port in front of <paramref name="upstream"/> (host and port of a URI).</summary>
    public static FaultProxy Start(Uri upstream) =>
        new(new IPEndPoint(Dns.GetHostAddresses(upstream.Host).First(a => a.AddressFamily == AddressFamily.InterNetwork), upstream.Port));

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Added to every chunk in either direction.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Connections cut by <see cref="ResetAll"/> so far.</summary>
    public int Resets => Volatile.Read(ref _resets);

    /// <summary>The URI of <paramref name="broker"/> with this proxy in its place.</summary>
    public Uri InFrontOf(Uri broker) => new UriBuilder(broker) { Host = "127.0.0.1", Port = Port }.Uri;

    /// <summary>Cuts every open connection with a reset; returns how many.</summary>
    public int ResetAll()
    {
        var cut = 0;
        foreach (var (id, link) in _links)
        {
            if (_links.TryRemove(id, out _))
            {
                Reset(link.Client);
                Reset(link.Server);
                cut++;
            }
        }

        Interlocked.Add(ref _resets, cut);
        return cut;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close sends RST, not FIN
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = LinkAsync(client);
        }
    }

    private async Task LinkAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_upstream, _stopping.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            server.Dispose();
            client.Dispose(); // the broker is down: the client sees its connection closed and tries again
            return;
        }

        var id = Guid.NewGuid();
        _links[id] = (client, server);
        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        if (_links.TryRemove(id, out _))
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency, _stopping.Token);
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // cut by a reset, by the other side, or by the proxy stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        ResetAll();
        await _accepting;
        _stopping.Dispose();
    }
}
