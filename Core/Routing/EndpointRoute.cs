using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Dialects;

namespace Menshen.Core.Routing;

/// What an incoming path means: its endpoint and the path to send upstream (no `/v1` prefix).
public sealed record EndpointRoute(EndpointKind Kind, CanonicalPath UpstreamPath)
{
    public bool IsUnderstood => Kind != EndpointKind.Passthrough;

    /// The dialect that speaks this endpoint (the default one for passthrough).
    public Dialect Dialect => DialectTable.Of(Kind);

    /// The route given the configured providers: an endpoint of a dialect other than OpenAI's
    /// that no enabled provider speaks stays a passthrough path, as before the dialect was
    /// understood (SPEC §14: `/v1/messages` without an `anthropic` provider).
    public EndpointRoute ServedBy(ImmutableArray<ProviderConfig> providers)
    {
        if (EndpointDialect.Of(Kind) is not { } api || api == ProviderApi.OpenAi) return this;
        foreach (var provider in providers)
        {
            if (provider.Enabled && provider.Api == api) return this;
        }
        return this with { Kind = EndpointKind.Passthrough };
    }

    /// The route as proxied for `method`: only POST reaches an understood endpoint; any other
    /// method is passed through (`GET /v1/chat/completions` lists stored completions).
    public EndpointRoute ForMethod(string method) =>
        IsUnderstood && !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase)
            ? this with { Kind = EndpointKind.Passthrough }
            : this;
}
