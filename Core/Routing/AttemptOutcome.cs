namespace Menshen.Core.Routing;

/// What one attempt at one provider ended as.
public enum AttemptFailure
{
    None,
    NetworkError,
    Timeout,

    /// An answer the gateway refuses to pass on (a redirect, UpstreamRedirect): recorded with
    /// its status, then treated as no answer.
    Refused,
}

/// What the Shell should do after an attempt.
public enum AttemptOutcome
{
    /// Hand this response to the client.
    Final,

    /// Try the next provider (if any is left; else the last response, or 502/504, goes out).
    TryNext,
}
