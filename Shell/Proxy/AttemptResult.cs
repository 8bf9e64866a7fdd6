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
    public HttpResponseMessage? Response { get; } = response;
    public Stream? Body { get; } = body;
    public byte[] Buffer { get; } = buffer;
    public int FirstCount { get; } = firstCount;
    public AttemptFailure Failure { get; } = failure;
    public string? Error { get; } = error;
    public IdleTimer Timer { get; } = timer;
    public double DurationMs { get; } = durationMs;
    public int? Status => Response is null ? null : (int)Response.StatusCode;

    public void Dispose()
    {
        Body?.Dispose();
        Response?.Dispose();
        Timer.Dispose();
        ArrayPool<byte>.Shared.Return(Buffer);
    }
}
