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
        var path = upstreamPath.AsSpan(1);
        if (path.EndsWith('/'))
        {
            path = path[..^1];
        }
        return path switch
        {
            "chat/completions" => EndpointKind.ChatCompletions,
            "completions" => EndpointKind.Completions,
            "responses" => EndpointKind.Responses,
            "embeddings" => EndpointKind.Embeddings,
            _ => EndpointKind.Passthrough,
        };
    }
}
