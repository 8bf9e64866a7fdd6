using System.Net;
using System.Net.Sockets;

namespace Menshen.Shell.Tests.Support;

/// A TCP server on a free port that serves each connection with <see cref="ServeAsync"/> until
/// disposed: the proxies and odd upstreams the tests write by hand. Call <see cref="Start"/>
/// at the end of the derived constructor (its fields are set by then).
public abstract class LoopbackTcpServer(IPAddress? listenOn = null) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(listenOn ?? IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    protected void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// Serves one connection; the client is disposed by the caller afterwards.
    protected abstract Task ServeAsync(TcpClient client);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                return;
            }
            _ = ServeOneAsync(client);
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        using (client) await ServeAsync(client);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
