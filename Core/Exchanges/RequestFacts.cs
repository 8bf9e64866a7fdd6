using Menshen.Core.Audit;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Exchanges;

/// What the request path learned about the request before any provider was tried: the client
/// key, the endpoint, the body read (its size and capture), the provider planned first and the
/// body patched for it (null until patched, or when the body was never read), and the model
/// routed on after alias resolution (SPEC §13; null when the body names no model).
public sealed record RequestFacts(
    string? ClientKey,
    EndpointKind Endpoint,
    long RequestBytes = 0,
    CapturedBody? RequestBody = null,
    string? PlannedProvider = null,
    PatchedBody? FirstPatch = null,
    string? ResolvedModel = null,
    bool PlainRead = false);
