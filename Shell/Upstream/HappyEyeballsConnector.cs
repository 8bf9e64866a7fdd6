using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Menshen.Core.Network;

namespace Menshen.Shell.Upstream;

/// The transports' ConnectCallback (to a provider, or to its proxy): Happy Eyeballs (RFC 8305).
/// .NET's own connect tries a name's addresses one after another, each for the whole connect
/// timeout, so a host with a dead IPv6 route and a working IPv4 one failed every request after
/// 30 s. Here the addresses are tried in `ConnectOrder`, the next one starting beside the last
/// when that has not connected within `AttemptDelay` (at once when it failed); the first to
/// connect wins and the others are cancelled and closed.
public sealed class HappyEyeballsConnector(UpstreamNetwork network)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context,
        CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await AddressesAsync(endpoint.Host, cancellationToken);
        var socket = await RaceAsync(addresses, endpoint.Port, cancellationToken);
        FreshConnection.Mark(context.InitialRequestMessage);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task<ImmutableArray<IPAddress>> AddressesAsync(string host,
        CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address)) return [address];
        var resolved = await network.Resolve(host, cancellationToken);
        // What the system resolver throws for a name with no address at all.
        if (resolved.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        return ConnectOrder.Interleave([.. resolved]);
    }

    private async Task<Socket> RaceAsync(ImmutableArray<IPAddress> addresses, int port,
        CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<Socket>>();
        ExceptionDispatchInfo? lastFailure = null;
        try
        {
            foreach (var address in addresses)
            {
                running.Add(AttemptAsync(address, port, race.Token));
                if (await FirstConnectedAsync(running, network.AttemptDelay,
                        f => lastFailure = f, race.Token) is { } won) return won;
            }
            while (running.Count > 0)
            {
                if (await FirstConnectedAsync(running, Timeout.InfiniteTimeSpan,
                        f => lastFailure = f, race.Token) is { } won) return won;
            }
            cancellationToken.ThrowIfCancellationRequested();
            lastFailure!.Throw();
            throw new UnreachableException();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's token, not the race's: the handler tells its connect timeout (and
            // the request's cancellation) from a failure by it, as for its own connect.
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            await race.CancelAsync();
            foreach (var loser in running) CloseWhenDone(loser);
        }
    }

    // Waits until an attempt connects (taken out of `running`, returned), one fails (taken out,
    // reported; null back, so the next address starts at once) or `headStart` passes (null).
    private static async Task<Socket?> FirstConnectedAsync(List<Task<Socket>> running,
        TimeSpan headStart, Action<ExceptionDispatchInfo> failed,
        CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(headStart, wait.Token);
        var done = await Task.WhenAny([.. running, delay]);
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (done is not Task<Socket> attempt) return null;
        running.Remove(attempt);
        if (attempt.IsCompletedSuccessfully) return attempt.Result;
        failed(ExceptionDispatchInfo.Capture(attempt.Exception!.InnerException!));
        return null;
    }

    private static async Task<Socket> AttemptAsync(IPAddress address, int port,
        CancellationToken cancellationToken)
    {
        Socket? socket = null;
        try
        {
            // NoDelay as .NET's own connect sets it: requests and SSE chunks go out at once.
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
            };
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            return socket;
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    // An attempt cancelled after the race may still have connected: close that socket, and
    // observe a failure so that it is not reported as unobserved.
    private static void CloseWhenDone(Task<Socket> attempt) =>
        _ = attempt.ContinueWith(static done =>
        {
            if (done.IsCompletedSuccessfully) done.Result.Dispose();
            else _ = done.Exception;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
