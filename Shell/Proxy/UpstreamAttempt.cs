using System.Runtime.CompilerServices;
using System.Buffers;
using System.Diagnostics;
using Menshen.Core.Exchanges;
using Menshen.Core.Routing;
using Menshen.Shell.Upstream;

namespace Menshen.Shell.Proxy;

/// Sends one request upstream and waits, under the idle timeout, for its headers and first chunk,
/// so a provider that fails before any byte reaches the client can still be failed over.
public static class UpstreamAttempt
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<AttemptResult> SendAsync(
        HttpMessageInvoker invoker, HttpRequestMessage request, TimeSpan timeout,
        CancellationToken clientAborted, CancellationToken graceExpired)
    {
        var started = Stopwatch.GetTimestamp();
        var timer = new IdleTimer(timeout, clientAborted, graceExpired);
        var buffer = ArrayPool<byte>.Shared.Rent(ResponseRelay.ChunkSize);
        HttpResponseMessage? response = null;
        Stream? body = null;
        try
        {
            timer.Restart();
            response = await invoker.SendAsync(request, timer.Token);
            // The stream is at hand once the headers are in: the async form only wrapped it in
            // a new Task every request.
            body = response.Content.ReadAsStream(timer.Token);
            var first = await ResponseRelay.ReadAsync(body, buffer, timer);
            return new AttemptResult(response, body, buffer, first, AttemptFailure.None, null,
                timer, Since(started));
        }
        catch (Exception ex) when (
            ex is HttpRequestException or IOException or OperationCanceledException)
        {
            body?.Dispose();
            response?.Dispose();
            var failure = timer.TimedOut ? AttemptFailure.Timeout : AttemptFailure.NetworkError;
            var error = timer.ClientAborted ? ExchangeNote.ClientClosedText
                : timer.Stopped ? StoppedError
                : Describe(ex, failure, response is not null);
            return new AttemptResult(null, null, buffer, 0, failure, error, timer, Since(started))
            {
                ClosedUnderRequest = response is null && failure == AttemptFailure.NetworkError
                    && !timer.ClientAborted && !timer.Stopped && ClosedUnderRequest(ex)
                    && !FreshConnection.For(request),
            };
        }
        catch
        {
            // A defect: give back what the caller would have disposed (the timer's registration
            // on the shutdown grace would otherwise live as long as the process).
            body?.Dispose();
            response?.Dispose();
            timer.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    // The innermost AuthenticationException says which check failed ("…: UntrustedRoot").
    private static string? TlsReason(Exception ex)
    {
        string? reason = null;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException)
                reason = inner.Message;
        }
        return reason;
    }

    // The connection ended (closed or reset) before any answer: the signature of a kept-alive
    // connection the upstream closed as the request went out on it. A refused or unreachable
    // connection is not this: nothing was ever open.
    private static bool ClosedUnderRequest(Exception ex)
    {
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded })
            return true;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException
                {
                    SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset
                        or System.Net.Sockets.SocketError.ConnectionAborted
                        or System.Net.Sockets.SocketError.Shutdown,
                })
                return true;
        }
        return false;
    }

    /// The attempt's error when the gateway's shutdown grace ran out during it.
    public const string StoppedError = "gateway shut down before the upstream answered";

    private static double Since(long started) =>
        Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Describe(Exception ex, AttemptFailure failure, bool hadHeaders) =>
        failure switch
        {
            AttemptFailure.Timeout => hadHeaders
                ? AttemptErrors.IdleBeforeFirstByte : AttemptErrors.HeaderTimeout,
            _ when ex is HttpRequestException
            {
                HttpRequestError: HttpRequestError.SecureConnectionError,
            } => AttemptErrors.TlsFailed(TlsReason(ex)),
            // The handler's ConnectTimeout: a cancellation whose cause is a TimeoutException.
            _ when ex is OperationCanceledException { InnerException: TimeoutException } =>
                AttemptErrors.ConnectTimedOut,
            _ when ex is HttpRequestException { HttpRequestError: var kind } =>
                AttemptErrors.Transport(kind),
            _ => AttemptErrors.ConnectionFailed,
        };
}
