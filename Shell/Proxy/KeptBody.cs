using System.Net;
using Menshen.Core.Routing;

namespace Menshen.Shell.Proxy;

/// A small passed-through body (PassthroughRetry.KeepsBody), read from the client once as it
/// goes upstream and kept, so that a request whose connection was closed under it can be sent
/// again: each attempt's content first sends what was kept, then reads on from the client.
public sealed class KeptBody(Stream source, int length)
{
    private readonly byte[] _kept = new byte[length];
    private int _filled;

    /// Kept when the client declared a small length; null otherwise.
    public static KeptBody? For(HttpRequest request, Stream source) =>
        PassthroughRetry.KeepsBody(request.ContentLength)
            ? new KeptBody(source, (int)request.ContentLength!.Value) : null;

    /// A new content for one attempt (a request message disposes its content).
    public HttpContent Content() => new Sent(this);

    private async Task CopyToAsync(Stream upstream, CancellationToken cancellationToken)
    {
        if (_filled > 0) await upstream.WriteAsync(_kept.AsMemory(0, _filled), cancellationToken);
        while (_filled < _kept.Length)
        {
            var read = await source.ReadAsync(_kept.AsMemory(_filled), cancellationToken);
            if (read == 0) return; // shorter than declared: Kestrel has already failed the read
            // Counted as kept before it is written: a write that fails loses nothing.
            _filled += read;
            await upstream.WriteAsync(_kept.AsMemory(_filled - read, read), cancellationToken);
        }
    }

    private sealed class Sent(KeptBody body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            body.CopyToAsync(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context,
            CancellationToken cancellationToken) => body.CopyToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = body._kept.Length;
            return true;
        }
    }
}
