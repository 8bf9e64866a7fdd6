namespace Menshen.Core.Errors;

/// Every error the gateway itself makes (not those passed through from upstream).
public enum GatewayErrorKind
{
    MalformedJson,
    Unauthorized,
    NotFound,
    MethodNotAllowed,
    BodyTooLarge,
    RequestTimeout,
    UpstreamUnreachable,
    UpstreamTimeout,
    NoProvider,
    Internal,

    /// A query parameter of the gateway's own API (`/__report/*`) it cannot accept (400).
    BadParameter,

    /// No enabled provider serves the requested model on this endpoint (404, SPEC §13).
    ModelNotFound,

    /// A request the gateway refuses before dispatch: a dangerous path, bad framing, a header it
    /// cannot forward (400).
    BadRequest,

    /// A Host or Origin the gateway does not answer (403).
    Forbidden,

    /// A WebSocket upgrade: the client should fall back to plain HTTP (426).
    UpgradeRequired,

    /// The gateway's shutdown grace ran out before any provider answered (503: retry, another
    /// instance or this one once it is back will take it).
    ShuttingDown,

    /// `Cache-Control: only-if-cached` and no stored answer (504, RFC 9111 §5.2.1.7).
    NotCached,

    /// A report asked while the audit database cannot be reached (503): it answers again once
    /// the database is back; requests are served and recorded meanwhile.
    StorageUnavailable,

    /// Too many wrong dashboard passwords from one address (429 with Retry-After, LoginThrottle).
    LoginThrottled,

    /// A request body in a `Content-Encoding` the gateway cannot undo (415, RFC 9110 §15.5.16).
    UnsupportedEncoding,
}

/// An error with a message safe to show the client (never a secret). `Param` names the request
/// parameter at fault, when there is one (OpenAI's `error.param`).
public sealed record GatewayError(GatewayErrorKind Kind, string Message, string? Param = null)
{
    /// The media type of the gateway's error bodies, in every dialect.
    public const string ContentType = "application/json";

    /// Characters of a client's value quoted in a message (the audit row and the log line keep
    /// the message: a 300 KB model name is not repeated back whole).
    public const int MaxQuotedChars = 200;

    /// `value`, or its first MaxQuotedChars characters and "…" (never half a surrogate pair).
    public static string Quoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxQuotedChars) return value;
        var kept = char.IsHighSurrogate(value[MaxQuotedChars - 1])
            ? MaxQuotedChars - 1 : MaxQuotedChars;
        return string.Concat(value.AsSpan(0, kept), "…");
    }
}
