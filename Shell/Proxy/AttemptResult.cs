using System.Buffers;
using Menshen.Core.Routing;

namespace Menshen.Shell.Proxy;

/// What one try at one provider gave: a response whose first body chunk sits in <see
/// cref="Buffer"/>,
/// or a failure. The caller owns it once returned and disposes it (returning the pooled buffer).
public sealed class AttemptResult(
    HttpResponseMessage? response, Stream? body, byte[] buffer, int firstCount,
    AttemptFailure failure, string? error, IdleTimer timer, double durationMs) : IDisposable
{
    private int? _refusedStatus;
    private bool _disposed;

    public HttpResponseMessage? Response { get; private set; } = response;
    public Stream? Body { get; private set; } = body;
    public byte[] Buffer { get; } = buffer;
    public int FirstCount { get; private set; } = firstCount;
    public AttemptFailure Failure { get; private set; } = failure;
    public string? Error { get; private set; } = error;
    public IdleTimer Timer { get; } = timer;
    public double DurationMs { get; } = durationMs;
    public int? Status => Response is null ? _refusedStatus : (int)Response.StatusCode;

    /// The connection ended before any answer, as a kept-alive one the upstream closed while
    /// the request went out on it does: the request may be sent again on a new connection.
    public bool ClosedUnderRequest { get; init; }

    /// Drops the answer unread (the gateway will not pass it on), keeping its status for the
    /// record: from here on the attempt is a failure like a refused connection.
    public void Refuse(string error)
    {
        _refusedStatus = Status;
        Body?.Dispose();
        Response?.Dispose();
        (Body, Response, FirstCount) = (null, null, 0);
        (Failure, Error) = (AttemptFailure.Refused, error);
    }

    /// Puts `body` in place of the answer's body (its first chunk read into <see cref="Buffer"/>
    /// as the relay expects), with `length` as its Content-Length when it is known. The body it
    /// replaces is the caller's (`body` may read on from it).
    public async ValueTask ReplaceBodyAsync(Stream body, long? length)
    {
        Body = body;
        if (length is { } known) Response!.Content.Headers.ContentLength = known;
        FirstCount = await body.ReadAsync(Buffer);
    }

    // Once only: a second call would give the pooled buffer back twice (another request's then).
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Body?.Dispose();
        Response?.Dispose();
        Timer.Dispose();
        ArrayPool<byte>.Shared.Return(Buffer);
    }
}
