namespace Menshen.Core.Caching;

/// What the Shell knows about an answer when it decides whether to store it.
/// `Complete`: for a stream, SseSummary.Completed (`[DONE]` or `response.completed` seen); for a
/// plain body, the body was read to its end without error.
/// `BodyBytes`: the size of the body that would be stored (the whole SSE capture for a stream).
public sealed record CacheCandidate(
    int Status,
    bool Complete,
    long BodyBytes,
    bool ClientDisconnected,
    CacheDirective Directive);
