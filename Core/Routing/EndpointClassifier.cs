namespace Menshen.Core.Routing;

public static class EndpointClassifier
{
    /// Classifies `/v1/chat/completions` and `/chat/completions` alike; UpstreamPath drops `/v1`.
    public static EndpointRoute Classify(string path) => throw new NotImplementedException();
}
