using Menshen.Core.Dialects;

namespace Menshen.Core.Routing;

public static class EndpointClassifier
{
    /// Classifies `/v1/chat/completions` and `/chat/completions` alike; UpstreamPath drops `/v1`.
    /// Every leading `/v1` segment goes, not just one: a client whose base URL already ends in
    /// `/v1` and that adds `/v1` itself still reaches the endpoint it meant.
    /// An understood endpoint is sent upstream at its own path, without a trailing `/`: the path
    /// that decided the endpoint is the one the upstream serves (`/chat/completions/` is a 404 or
    /// a redirect at some providers). A passed-through path keeps its slash, which may matter.
    public static EndpointRoute Classify(CanonicalPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var upstreamPath = path.WithoutVersionPrefix();
        var kind = KindOf(upstreamPath.Value);
        return kind == EndpointKind.Passthrough
            ? new EndpointRoute(kind, upstreamPath)
            : new EndpointRoute(kind, upstreamPath.WithoutTrailingSlash());
    }

    private static EndpointKind KindOf(string upstreamPath)
    {
        // Each dialect names its endpoints (DialectTable.Route); a path none claims is passthrough.
        return DialectTable.Route(upstreamPath).Kind;
    }
}
