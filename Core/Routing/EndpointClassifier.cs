using Menshen.Core.Dialects;

namespace Menshen.Core.Routing;

public static class EndpointClassifier
{
    /// Classifies `/v1/chat/completions` and `/chat/completions` alike; UpstreamPath drops `/v1`.
    /// Every leading `/v1` segment goes, not just one: a client whose base URL already ends in
    /// `/v1` and that adds `/v1` itself still reaches the endpoint it meant.
    public static EndpointRoute Classify(CanonicalPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var upstreamPath = path.WithoutVersionPrefix();
        return new EndpointRoute(KindOf(upstreamPath.Value), upstreamPath);
    }

    private static EndpointKind KindOf(string upstreamPath)
    {
        // Each dialect names its endpoints (DialectTable.Route); a path none claims is passthrough.
        return DialectTable.Route(upstreamPath).Kind;
    }
}
