using Menshen.Core.Dialects;

namespace Menshen.Core.Routing;

public static class EndpointClassifier
{
    private const string VersionPrefix = "/v1";

    /// Classifies `/v1/chat/completions` and `/chat/completions` alike; UpstreamPath drops `/v1`.
    public static EndpointRoute Classify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var upstreamPath = WithoutVersionPrefix(path);
        return new EndpointRoute(KindOf(upstreamPath), upstreamPath);
    }

    // Every leading `/v1` segment goes, not just one: a client whose base URL already ends in `/v1`
    // and that adds `/v1` itself still reaches the endpoint it meant, and `/v1` + p always means p.
    private static string WithoutVersionPrefix(string path)
    {
        var rest = path.AsSpan();
        while (StartsWithVersionSegment(rest))
        {
            rest = rest[VersionPrefix.Length..];
        }
        return rest.IsEmpty ? "/"
            : rest[0] == '/' ? (rest.Length == path.Length ? path : rest.ToString())
            : "/" + rest.ToString();
    }

    private static bool StartsWithVersionSegment(ReadOnlySpan<char> path) =>
        path.StartsWith(VersionPrefix, StringComparison.Ordinal)
        && (path.Length == VersionPrefix.Length || path[VersionPrefix.Length] == '/');

    private static EndpointKind KindOf(string upstreamPath)
    {
        // Each dialect names its endpoints (DialectTable.Route); a path none claims is passthrough.
        return DialectTable.Route(upstreamPath).Kind;
    }
}
