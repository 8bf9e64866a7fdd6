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

    public HttpResponseMessage? Response { get; private set; } = response;
    public Stream? Body { get; private set; } = body;
    public byte[] Buffer { get; } = buffer;
    public int FirstCount { get; private set; } = firstCount;
    public AttemptFailure Failure { get; private set; } = failure;
    public string? Error { get; private set; } = error;
    public IdleTimer Timer { get; } = timer;
    public double DurationMs { get; } = durationMs;
    public int? Status => Response is null ? _refusedStatus : (int)Response.StatusCode;

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

    public void Dispose()
    {
        Body?.Dispose();
        Response?.Dispose();
        Timer.Dispose();
        ArrayPool<byte>.Shared.Return(Buffer);
    }
}
