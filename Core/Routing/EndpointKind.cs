namespace Menshen.Core.Routing;

/// The endpoints the gateway understands (audited with usage, patched, failed over, cached).
public enum EndpointKind
{
    Passthrough,
    ChatCompletions,
    Completions,
    Responses,
    Embeddings,
}
