using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects;

/// Everything the request path must know about one API dialect, as pure functions. The Shell
/// finds the dialect once, by the canonical path (<see cref="DialectTable.Route"/>), and then only
/// calls these: the relay, the audit writer and the cache never name a dialect. `ClientHeaders`
/// are request headers only this dialect's clients send (any one is enough), which decide the
/// shape of errors and the providers of a passthrough where the path does not
/// (<see cref="DialectTable.OfRequest"/>).
public sealed record Dialect(
    string Name,
    ProviderApi Api,
    ImmutableArray<DialectEndpoint> Endpoints,
    BodyPatcher Patch,
    Func<EndpointKind, UsageFold> StartStream,
    Func<EndpointKind, UsageFold> StartBody,
    SseEventTest IsInjectedEvent,
    Func<GatewayError, byte[]> ErrorJson,
    KeyInjector InjectKey,
    Func<ReadOnlyMemory<byte>, string?> RequestPreview,
    ResponsePreviewer ResponsePreview,
    ImmutableArray<string> ClientHeaders = default,
    SseEventCut? InjectedPart = null)
{
    public ImmutableArray<string> ClientHeaders { get; init; } =
        ClientHeaders.IsDefault ? [] : ClientHeaders;

    /// The endpoint served at a canonical path (no `/v1`, no trailing slash), or null.
    public EndpointKind? EndpointAt(ReadOnlySpan<char> path)
    {
        foreach (var endpoint in Endpoints)
        {
            if (path.SequenceEqual(endpoint.Path)) return endpoint.Kind;
        }
        return null;
    }

    /// True when `path` (canonical, no `/v1`) is one of this dialect's endpoints or lies below
    /// one: `messages/batches` is Anthropic's, `responses/resp_1` OpenAI's.
    public bool Claims(ReadOnlySpan<char> path)
    {
        foreach (var endpoint in Endpoints)
        {
            if (path.StartsWith(endpoint.Path, StringComparison.Ordinal)
                && (path.Length == endpoint.Path.Length || path[endpoint.Path.Length] == '/'))
                return true;
        }
        return false;
    }

    public bool Serves(EndpointKind kind)
    {
        foreach (var endpoint in Endpoints)
        {
            if (endpoint.Kind == kind) return true;
        }
        return false;
    }
}

/// One understood endpoint of a dialect: its canonical path (`chat/completions`) and kind.
public sealed record DialectEndpoint(string Path, EndpointKind Kind);
