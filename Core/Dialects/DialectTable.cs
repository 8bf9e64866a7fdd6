using System.Collections.Immutable;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects;

/// The dialects the gateway speaks. A new dialect is one more entry in <see cref="All"/>.
public static class DialectTable
{
    /// The dialect of passthrough paths and of errors the gateway makes outside any endpoint.
    public static Dialect Default => OpenAiDialect.Instance;

    public static readonly ImmutableArray<Dialect> All =
        [OpenAiDialect.Instance, AnthropicDialect.Instance];

    /// The dialect and endpoint of a canonical path (no `/v1`); passthrough when none claims it.
    public static (Dialect Dialect, EndpointKind Kind) Route(ReadOnlySpan<char> canonicalPath)
    {
        var path = canonicalPath.StartsWith('/') ? canonicalPath[1..] : canonicalPath;
        if (path.EndsWith('/')) path = path[..^1];
        foreach (var dialect in All)
        {
            if (dialect.EndpointAt(path) is { } kind) return (dialect, kind);
        }
        return (Default, EndpointKind.Passthrough);
    }

    /// The dialect a request speaks, which shapes the gateway's errors and picks the providers
    /// of a passed-through path: the endpoint's when the path names one or lies below one
    /// (whether or not it is served: `/v1/messages` without an Anthropic provider;
    /// `/v1/messages/batches`); otherwise (other passthrough paths, a path refused before it
    /// could be read) the dialect whose client header the request carries; otherwise the
    /// default. `path` is canonical, with or without `/v1`.
    public static Dialect OfRequest(CanonicalPath? path, Func<string, bool> carriesHeader)
    {
        ArgumentNullException.ThrowIfNull(carriesHeader);
        if (path is not null)
        {
            var unversioned = path.WithoutVersionPrefix().Value;
            var (dialect, kind) = Route(unversioned);
            if (kind != EndpointKind.Passthrough) return dialect;
            var bare = unversioned.AsSpan().TrimStart('/');
            foreach (var claimant in All)
            {
                if (claimant.Claims(bare)) return claimant;
            }
        }
        foreach (var dialect in All)
        {
            foreach (var header in dialect.ClientHeaders)
            {
                if (carriesHeader(header)) return dialect;
            }
        }
        return Default;
    }

    /// The dialect of a provider's `api`: how its key is injected.
    public static Dialect For(Config.ProviderApi api)
    {
        foreach (var dialect in All)
        {
            if (dialect.Api == api) return dialect;
        }
        return Default;
    }

    /// The dialect that serves an endpoint kind (the default for passthrough).
    public static Dialect Of(EndpointKind kind)
    {
        foreach (var dialect in All)
        {
            if (dialect.Serves(kind)) return dialect;
        }
        return Default;
    }
}
