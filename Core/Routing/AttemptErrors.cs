namespace Menshen.Core.Routing;

/// The words an attempt without an answer is recorded with (the audit row's `attempts`, the
/// 502/504 message): the timeouts are named here so the metrics can tell them from the rest.
public static class AttemptErrors
{
    public const string HeaderTimeout = "upstream timeout waiting for response headers";
    public const string IdleBeforeFirstByte = "upstream idle timeout before the first byte";

    public const string ConnectionFailed = "upstream connection failed";

    public const string ConnectTimedOut = "upstream connect timed out";

    /// How long a connection may take to open: half the upstream timeout, at most 10 s (30 s
    /// before). Below the header timeout, a host that never answers its SYN is reported as
    /// that, not as "timeout waiting for response headers" (helper-86: with `timeout = 5` it
    /// was a 504 of the wrong name, or a 502, whichever fired first).
    public static TimeSpan ConnectTimeout(TimeSpan upstreamTimeout) =>
        upstreamTimeout > TimeSpan.Zero && upstreamTimeout / 2 < TimeSpan.FromSeconds(10)
            ? upstreamTimeout / 2 : TimeSpan.FromSeconds(10);

    public static bool IsTimeout(string? error) => error is HeaderTimeout or IdleBeforeFirstByte;

    /// A failed TLS handshake with the runtime's reason (helper-86: an untrusted CA, a wrong
    /// host name and an expired certificate all read the same): "…: UntrustedRoot" and the like.
    public static string TlsFailed(string? reason) => reason is null or ""
        ? Transport(System.Net.Http.HttpRequestError.SecureConnectionError)
        : $"{Transport(System.Net.Http.HttpRequestError.SecureConnectionError)}: "
            + Errors.GatewayError.Quoted(Http.LogValue.Escape(reason));

    /// A transport failure in words a person reads (the client's 502 quotes it), not the
    /// runtime's enum name.
    public static string Transport(System.Net.Http.HttpRequestError kind) => kind switch
    {
        System.Net.Http.HttpRequestError.NameResolutionError => "upstream host name not found",
        System.Net.Http.HttpRequestError.ConnectionError => ConnectionFailed,
        System.Net.Http.HttpRequestError.SecureConnectionError =>
            "upstream TLS handshake failed",
        System.Net.Http.HttpRequestError.HttpProtocolError => "upstream broke the HTTP protocol",
        System.Net.Http.HttpRequestError.ExtendedConnectNotSupported or
            System.Net.Http.HttpRequestError.VersionNegotiationError =>
            "upstream refused the HTTP version",
        System.Net.Http.HttpRequestError.UserAuthenticationError =>
            "upstream proxy refused the credentials",
        System.Net.Http.HttpRequestError.ProxyTunnelError => "proxy tunnel to the upstream failed",
        System.Net.Http.HttpRequestError.InvalidResponse => "upstream sent an invalid answer",
        System.Net.Http.HttpRequestError.ResponseEnded =>
            "upstream closed the connection before its answer ended",
        System.Net.Http.HttpRequestError.ConfigurationLimitExceeded =>
            "upstream answer exceeded a limit (headers too large?)",
        _ => ConnectionFailed,
    };
}
